using System.Globalization;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Activities;

public sealed record ClosedMonthDto(string Month, DateTimeOffset ClosedAt, string ClosedBy);

public sealed record CloseMonthsRequest(string? From, string? To);

/// Closing and reopening months of a partnership's work ledger (关账 / 重新开放).
public sealed class ClosedMonthService(AppDbContextFactory dbf, TimeProvider clock)
{
    /// The longest span closed in one request: three years of months.
    public const int MaxMonthsPerRequest = 36;

    public async Task<IReadOnlyList<ClosedMonthDto>?> ListAsync(AccessScope scope, int partnershipId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        var rows = await db.ClosedMonths.AsNoTracking().Where(c => c.PartnershipId == partnershipId).OrderBy(c => c.Month)
            .Select(c => new { c.Month, c.ClosedAt, c.ClosedBy }).ToListAsync(ct);
        return rows.Select(c => new ClosedMonthDto(Format(c.Month), c.ClosedAt, c.ClosedBy)).ToList();
    }

    /// Closes every month from..to that is not closed yet; closing a closed month again changes nothing.
    public async Task<IReadOnlyList<ClosedMonthDto>?> CloseAsync(AccessScope scope, int partnershipId, CloseMonthsRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        await db.EnsureCanChangeAsync(scope, partnershipId, ct);
        var v = new Validation();
        var from = ParseMonth(v, "from", request.From);
        var to = request.To is null ? from : ParseMonth(v, "to", request.To);
        var thisMonth = FirstDay(DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        if (to is { } t && t > thisMonth)
            v.Add("to", "Error.MonthInFuture");
        if (from is { } f1 && to is { } t1)
        {
            v.DateOrder("to", f1, t1);
            if (t1 >= f1 && (t1.Year - f1.Year) * 12 + t1.Month - f1.Month >= MaxMonthsPerRequest)
                v.Add("to", "Error.TooManyMonths", MaxMonthsPerRequest);
        }
        v.ThrowIfAny();

        var months = new List<DateOnly>();
        for (var m = from!.Value; m <= to!.Value; m = m.AddMonths(1))
            months.Add(m);
        var already = await db.ClosedMonths.Where(c => c.PartnershipId == partnershipId && months.Contains(c.Month)).Select(c => c.Month).ToListAsync(ct);
        var now = clock.GetUtcNow();
        db.ClosedMonths.AddRange(months.Except(already).Select(m => new ClosedMonth { PartnershipId = partnershipId, Month = m, ClosedAt = now, ClosedBy = scope.UserName }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Somebody closed one of these months at the same moment: the months are closed either way.
            db.ChangeTracker.Clear();
        }
        return await ListAsync(scope, partnershipId, ct);
    }

    /// Only a system administrator reopens a month: what has been handed over does not change quietly.
    public async Task<bool> ReopenAsync(AccessScope scope, int partnershipId, string month, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return false;
        if (!scope.IsAdmin)
            throw new AccessDeniedException("Error.OnlyAdminReopens");
        var v = new Validation();
        var m = ParseMonth(v, "month", month);
        v.ThrowIfAny();
        var row = await db.ClosedMonths.FirstOrDefaultAsync(c => c.PartnershipId == partnershipId && c.Month == m, ct);
        if (row is null)
            return false;
        db.ClosedMonths.Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// Refuses (409) a change to any of the given partnership months that is closed.
    public static async Task EnsureOpenAsync(AppDbContext db, IEnumerable<(int PartnershipId, DateOnly Date)> touched, CancellationToken ct)
    {
        var wanted = touched.Select(t => (t.PartnershipId, Month: FirstDay(t.Date))).Distinct().ToList();
        if (wanted.Count == 0)
            return;
        var partnerships = wanted.Select(w => w.PartnershipId).Distinct().ToList();
        var months = wanted.Select(w => w.Month).Distinct().ToList();
        var closed = await db.ClosedMonths.AsNoTracking()
            .Where(c => partnerships.Contains(c.PartnershipId) && months.Contains(c.Month))
            .Select(c => new { c.PartnershipId, c.Month }).ToListAsync(ct);
        var hit = closed.Where(c => wanted.Contains((c.PartnershipId, c.Month))).Select(c => c.Month).Order().FirstOrDefault();
        if (hit != default)
            throw new DomainRuleException("Error.MonthClosed", Format(hit));
    }

    public static DateOnly FirstDay(DateOnly date) => new(date.Year, date.Month, 1);

    public static string Format(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateOnly? ParseMonth(Validation v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, "Error.Required");
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && m.Year >= 2000)
            return m;
        v.Add(field, "Error.MonthFormat");
        return null;
    }
}
