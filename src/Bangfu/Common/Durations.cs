using Microsoft.EntityFrameworkCore;

namespace Bangfu.Common;

/// Minutes: how many durations were measured, their median and 90th percentile (linear interpolation between the
/// closest ranks, as Excel's PERCENTILE.INC and numpy's default do).
public sealed record DurationStats(int Count, double? MedianMinutes, double? P90Minutes);

/// Percentiles of durations kept as whole minutes in a column: the database counts and sorts them, and only the one
/// or two values at the rank wanted are fetched, so no set of rows is ever loaded.
public static class Durations
{
    public static async Task<DurationStats> OfAsync(IQueryable<int> minutes, CancellationToken ct)
    {
        var n = await minutes.CountAsync(ct);
        if (n == 0)
            return new DurationStats(0, null, null);
        return new DurationStats(n, await PercentileAsync(minutes, n, 0.5, ct), await PercentileAsync(minutes, n, 0.9, ct));
    }

    /// The p-quantile: h = (n − 1)·p, the value at ⌊h⌋ plus the fraction of the step to the next one.
    private static async Task<double> PercentileAsync(IQueryable<int> minutes, int n, double p, CancellationToken ct)
    {
        var h = Math.Round((n - 1) * p, 9);
        var lower = (int)Math.Floor(h);
        var values = await minutes.OrderBy(m => m).Skip(lower).Take(2).ToListAsync(ct);
        var value = values.Count == 1 || h == lower ? values[0] : values[0] + ((h - lower) * (values[1] - values[0]));
        return Math.Round(value, 2);
    }

    /// Whole minutes from one moment to a later one (never negative), as the columns keep them.
    public static int Between(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (int)Math.Round((to - from).TotalMinutes));
}
