using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Dispatches;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Activities;

/// A row about to be written: its field prefix in the request, what it says, and the stored row it replaces (a
/// correction) so that the old figure is not counted twice.
public sealed record PlausibilityEntry(string Prefix, SaveActivityRequest Request, int? ExpertId, Activity? Replaces = null);

/// The plausibility rules of ADR 0020, evaluated for a whole batch at once: the totals already stored per expert-day
/// and per host-month come from two grouped queries (the host-month one from the monthly rollup), never one per row,
/// so a 500-row batch costs the same handful of statements as one row. Refusals are field errors (400, like the range
/// checks of ActivityService); warnings are answered per row and saved with the row as 待核实.
public static class ActivityPlausibility
{
    private const char Separator = ';';
    private const char ArgSeparator = '|';

    /// Throws the refusals of the whole batch together; answers each row's warnings (encoded, null for none) in order.
    public static async Task<IReadOnlyList<string?>> EvaluateAsync(AppDbContext db, IReadOnlyList<PlausibilityEntry> rows, CancellationToken ct)
    {
        var warnings = rows.Select(_ => new List<string>()).ToArray();
        if (rows.Count == 0)
            return [];
        var rules = await db.PlausibilityRules.AsNoTracking().ToListAsync(ct);
        var v = new Validation();

        void Flag(int i, PlausibilityAction action, string field, string key, params object[] args)
        {
            if (action == PlausibilityAction.Refuse)
                v.Add(rows[i].Prefix + field, key, args);
            else if (action == PlausibilityAction.Warn)
                warnings[i].Add(string.Join(ArgSeparator, [key, .. args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture))]));
        }

        var dayRules = rules.Where(r => r.Check == PlausibilityCheck.PerExpertDay && r.Kind is not null).ToDictionary(r => r.Kind!.Value);
        var monthRules = rules.Where(r => r.Check == PlausibilityCheck.PerHostMonth && r.Kind is not null).ToDictionary(r => r.Kind!.Value);
        var replaced = rows.Where(r => r.Replaces is not null).Select(r => r.Replaces!).ToList();

        // Per expert per day: detail rows only (a monthly total is not one day's work).
        var daily = rows.Select((r, i) => (r, i)).Where(x => x.r.ExpertId is not null && !x.r.Request.IsMonthlyTotal && dayRules.ContainsKey(x.r.Request.Kind!.Value)).ToList();
        if (daily.Count > 0)
        {
            var experts = daily.Select(x => x.r.ExpertId!.Value).Distinct().ToList();
            var (first, last) = (daily.Min(x => x.r.Request.Date!.Value), daily.Max(x => x.r.Request.Date!.Value));
            var stored = await db.Activities.AsNoTracking()
                .Where(a => a.ExpertId != null && experts.Contains(a.ExpertId.Value) && !a.IsMonthlyTotal && a.Date >= first && a.Date <= last)
                .GroupBy(a => new { a.ExpertId, a.Date, a.Kind })
                .Select(g => new { g.Key.ExpertId, g.Key.Date, g.Key.Kind, Quantity = g.Sum(a => (long)a.Quantity) })
                .ToListAsync(ct);
            var totals = stored.ToDictionary(s => (s.ExpertId!.Value, s.Date, s.Kind), s => s.Quantity);
            foreach (var a in replaced.Where(a => a.ExpertId is not null && !a.IsMonthlyTotal))
                Add(totals, (a.ExpertId!.Value, a.Date, a.Kind), -a.Quantity);
            foreach (var (r, _) in daily)
                Add(totals, (r.ExpertId!.Value, r.Request.Date!.Value, r.Request.Kind!.Value), r.Request.Quantity!.Value);
            foreach (var (r, i) in daily)
            {
                var total = totals[(r.ExpertId!.Value, r.Request.Date!.Value, r.Request.Kind!.Value)];
                Threshold(i, dayRules[r.Request.Kind!.Value], total, "Plausibility.PerExpertDay");
            }
        }

        // Per host per month, over all partnerships, from the rollup.
        var monthly = rows.Select((r, i) => (r, i)).Where(x => monthRules.ContainsKey(x.r.Request.Kind!.Value)).ToList();
        if (monthly.Count > 0)
        {
            var hosts = monthly.Select(x => x.r.Request.HostOrganizationId!.Value).Distinct().ToList();
            var (first, last) = (monthly.Min(x => Activity.MonthOf(x.r.Request.Date!.Value)), monthly.Max(x => Activity.MonthOf(x.r.Request.Date!.Value)));
            var stored = await db.ActivityMonthly.AsNoTracking()
                .Where(m => hosts.Contains(m.HostOrganizationId) && m.Month >= first && m.Month <= last)
                .GroupBy(m => new { m.HostOrganizationId, m.Month, m.Kind })
                .Select(g => new { g.Key.HostOrganizationId, g.Key.Month, g.Key.Kind, Quantity = g.Sum(m => m.Quantity) })
                .ToListAsync(ct);
            var totals = stored.ToDictionary(s => (s.HostOrganizationId, s.Month, s.Kind), s => s.Quantity);
            foreach (var a in replaced)
                Add(totals, (a.HostOrganizationId, Activity.MonthOf(a.Date), a.Kind), -a.Quantity);
            foreach (var (r, _) in monthly)
                Add(totals, (r.Request.HostOrganizationId!.Value, Activity.MonthOf(r.Request.Date!.Value), r.Request.Kind!.Value), r.Request.Quantity!.Value);
            foreach (var (r, i) in monthly)
            {
                var total = totals[(r.Request.HostOrganizationId!.Value, Activity.MonthOf(r.Request.Date!.Value), r.Request.Kind!.Value)];
                Threshold(i, monthRules[r.Request.Kind!.Value], total, "Plausibility.PerHostMonth");
            }
        }

        var before = ActionOf(rules, PlausibilityCheck.BeforePartnership);
        if (before != PlausibilityAction.Off)
        {
            var ids = rows.Select(r => r.Request.PartnershipId!.Value).Distinct().ToList();
            var starts = await db.Partnerships.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.StartDate }).ToDictionaryAsync(p => p.Id, p => p.StartDate, ct);
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i].Request;
                if (starts.TryGetValue(r.PartnershipId!.Value, out var start) && Before(r, start))
                    Flag(i, before, "date", "Plausibility.BeforePartnership", Day(start));
            }
        }

        var beforeDispatch = ActionOf(rules, PlausibilityCheck.BeforeDispatch);
        var stationed = ActionOf(rules, PlausibilityCheck.StationedElsewhere);
        var withExpert = rows.Select((r, i) => (r, i)).Where(x => x.r.ExpertId is not null).ToList();
        if ((beforeDispatch != PlausibilityAction.Off || stationed != PlausibilityAction.Off) && withExpert.Count > 0)
        {
            var experts = withExpert.Select(x => x.r.ExpertId!.Value).Distinct().ToList();
            var dispatches = await db.Dispatches.AsNoTracking().Where(d => experts.Contains(d.ExpertId) && !d.IsCancelled)
                .Select(d => new { d.PartnershipId, d.ExpertId, d.HostOrganizationId, d.Mode, d.StartDate, d.EndDate })
                .ToListAsync(ct);
            foreach (var (entry, i) in withExpert)
            {
                var r = entry.Request;
                var own = dispatches.Where(d => d.ExpertId == entry.ExpertId).ToList();
                if (beforeDispatch != PlausibilityAction.Off && r.DispatchId is null
                    && own.Where(d => d.PartnershipId == r.PartnershipId).Select(d => (DateOnly?)d.StartDate).Min() is { } firstStart && Before(r, firstStart))
                    Flag(i, beforeDispatch, "date", "Plausibility.BeforeDispatch", Day(firstStart));
                if (stationed != PlausibilityAction.Off && !r.IsMonthlyTotal
                    && own.FirstOrDefault(d => d.Mode == DispatchMode.Stationed && d.HostOrganizationId != r.HostOrganizationId
                        && d.StartDate <= r.Date && d.EndDate >= r.Date) is { } elsewhere)
                    Flag(i, stationed, "hostOrganizationId", "Plausibility.StationedElsewhere", Day(elsewhere.StartDate), Day(elsewhere.EndDate));
            }
        }

        v.ThrowIfAny();
        return warnings.Select(w => w.Count == 0 ? null : string.Join(Separator, w)).ToList();

        void Threshold(int i, PlausibilityRule rule, long total, string key)
        {
            if (rule.RefuseAbove is { } refuse && total > refuse)
                Flag(i, PlausibilityAction.Refuse, "quantity", key, total, refuse);
            else if (rule.WarnAbove is { } warn && total > warn)
                Flag(i, PlausibilityAction.Warn, "quantity", key, total, warn);
        }
    }

    /// The stored warnings as (message key, arguments) pairs, to be shown in the reader's language.
    public static IReadOnlyList<(string Key, object[] Args)> Decode(string? warnings) =>
        string.IsNullOrEmpty(warnings)
            ? []
            : warnings.Split(Separator).Select(w => w.Split(ArgSeparator)).Select(p => (p[0], p.Skip(1).Cast<object>().ToArray())).ToList();

    private static PlausibilityAction ActionOf(List<PlausibilityRule> rules, PlausibilityCheck check) =>
        rules.FirstOrDefault(r => r.Check == check)?.Action ?? PlausibilityAction.Off;

    private static bool Before(SaveActivityRequest r, DateOnly start) =>
        r.IsMonthlyTotal ? Activity.MonthOf(r.Date!.Value) < Activity.MonthOf(start) : r.Date!.Value < start;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static void Add<TKey>(Dictionary<TKey, long> totals, TKey key, long quantity) where TKey : notnull =>
        totals[key] = totals.GetValueOrDefault(key) + quantity;
}
