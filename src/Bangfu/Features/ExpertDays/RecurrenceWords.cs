using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.ExpertDays;

/// Simple RFC 5545 rules in words (每周二, 每月15日, 每月第3个星期四, 每月最后一个星期五), for the expert days and
/// the tele-teaching series; anything else gives null and the pages show the raw rule.
public static class RecurrenceWords
{
    public static readonly IReadOnlyList<string> WeekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public static string? Describe(string rule, IStringLocalizer t)
    {
        var parts = rule.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First()[1].ToUpperInvariant());
        if (parts.TryGetValue("INTERVAL", out var interval) && interval != "1")
            return null;
        var known = new HashSet<string> { "FREQ", "BYDAY", "BYSETPOS", "INTERVAL", "BYMONTHDAY" };
        if (parts.Keys.Any(k => !known.Contains(k)) || !parts.TryGetValue("FREQ", out var freq))
            return null;
        var byDay = parts.GetValueOrDefault("BYDAY");
        if (freq == "WEEKLY" && byDay is not null && !parts.ContainsKey("BYSETPOS") && !parts.ContainsKey("BYMONTHDAY"))
        {
            var days = byDay.Split(',').Select(d => DayName(d, t)).ToList();
            return days.Any(d => d is null) ? null : t["EDay.Rule.Weekly", string.Join("、", days)].Value;
        }
        if (freq == "MONTHLY" && parts.GetValueOrDefault("BYMONTHDAY") is { } monthDay && byDay is null
            && int.TryParse(monthDay, CultureInfo.InvariantCulture, out var md) && md > 0)
            return t["EDay.Rule.MonthDay", md].Value;
        if (freq != "MONTHLY" || byDay is null || byDay.Contains(',', StringComparison.Ordinal) || parts.ContainsKey("BYMONTHDAY") || byDay.Length < 2)
            return null;
        var code = byDay[^2..];
        var prefix = byDay[..^2];
        var position = parts.GetValueOrDefault("BYSETPOS") ?? (prefix.Length > 0 ? prefix : null);
        if (DayName(code, t) is not { } name || position is null || !int.TryParse(position, CultureInfo.InvariantCulture, out var n))
            return null;
        return n switch
        {
            -1 => t["EDay.Rule.MonthlyLast", name].Value,
            >= 1 and <= 5 => t["EDay.Rule.MonthlyNth", n, name].Value,
            _ => null,
        };
    }

    public static string? DayName(string code, IStringLocalizer t) => code switch
    {
        "MO" => t["EDay.Day.Monday"].Value,
        "TU" => t["EDay.Day.Tuesday"].Value,
        "WE" => t["EDay.Day.Wednesday"].Value,
        "TH" => t["EDay.Day.Thursday"].Value,
        "FR" => t["EDay.Day.Friday"].Value,
        "SA" => t["EDay.Day.Saturday"].Value,
        "SU" => t["EDay.Day.Sunday"].Value,
        _ => null,
    };
}
