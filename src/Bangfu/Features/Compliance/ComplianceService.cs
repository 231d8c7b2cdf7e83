using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Compliance;

public sealed record DateRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// One rule for one host organization: whether it holds, the figure found against the figure required, and the
/// records or date ranges that make it fall short.
public sealed record RuleResult(string Rule, int HostOrganizationId, string HostOrganizationName, bool Holds, int? Found, int? Required,
    IReadOnlyList<DateRange> Gaps, IReadOnlyList<int> DispatchIds, string Explanation);

public sealed record ComplianceReport(int PartnershipId, int Year, bool AllHold, IReadOnlyList<RuleResult> Results);

public sealed record RuleSetDto(int PartnershipId, int? MinStaffPerYear, int? MinContinuousDays, bool RequireYearRoundCoverage,
    int? TeamSizeMin, int? TeamSizeMax, int? MinAssociateSeniorPerTeam, int? MinDaysPerWeek, TitleLevel? MentorMinimumLevel, bool IsMentorRuleStrict,
    int Version, bool IsDefault);

public sealed record SaveRuleSetRequest(int? MinStaffPerYear, int? MinContinuousDays, bool RequireYearRoundCoverage,
    int? TeamSizeMin, int? TeamSizeMax, int? MinAssociateSeniorPerTeam, int? MinDaysPerWeek, TitleLevel? MentorMinimumLevel = TitleLevel.AssociateSenior,
    bool IsMentorRuleStrict = false, int? Version = null);

public sealed class ComplianceService(AppDbContextFactory dbf, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text)
{
    public async Task<RuleSetDto?> GetRulesAsync(AccessScope scope, int partnershipId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var kind = await db.Visible(scope).Where(p => p.Id == partnershipId).Select(p => (PartnershipKind?)p.Kind).FirstOrDefaultAsync(ct);
        if (kind is null)
            return null;
        var stored = await db.ComplianceRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.PartnershipId == partnershipId, ct);
        return ToDto(stored ?? ComplianceRuleSet.DefaultsFor(partnershipId, kind.Value), stored is null);
    }

    public async Task<RuleSetDto?> SaveRulesAsync(AccessScope scope, int partnershipId, SaveRuleSetRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var kind = await db.Visible(scope).Where(p => p.Id == partnershipId).Select(p => (PartnershipKind?)p.Kind).FirstOrDefaultAsync(ct);
        if (kind is null)
            return null;
        await db.EnsureCanChangeAsync(scope, partnershipId, ct);
        var v = new Validation();
        void Range(string field, int? value, int min, int max)
        {
            if (value is not null && (value < min || value > max))
                v.Add(field, "Error.Range", min, max);
        }
        Range("minStaffPerYear", r.MinStaffPerYear, 1, 1000);
        Range("minContinuousDays", r.MinContinuousDays, 1, 366 * 3);
        Range("teamSizeMin", r.TeamSizeMin, 1, 100);
        Range("teamSizeMax", r.TeamSizeMax, 1, 100);
        Range("minAssociateSeniorPerTeam", r.MinAssociateSeniorPerTeam, 0, 100);
        Range("minDaysPerWeek", r.MinDaysPerWeek, 1, 7);
        if (r.MentorMinimumLevel is { } level && !Enum.IsDefined(level))
            v.Add("mentorMinimumLevel", "Error.UnknownValue");
        if (r.TeamSizeMin is { } tmin && r.TeamSizeMax is { } tmax && tmax < tmin)
            v.Add("teamSizeMax", "Error.MaxBelowMin");
        v.ThrowIfAny();
        var stored = await db.ComplianceRuleSets.FirstOrDefaultAsync(x => x.PartnershipId == partnershipId, ct);
        if (stored is null)
        {
            // The defaults are shown as version 0, so a stored set starts at 1: a save made from a page that still
            // shows the defaults after someone else stored a set is then a stale save (409), not a silent overwrite.
            stored = new ComplianceRuleSet { PartnershipId = partnershipId, Version = 1 };
            db.ComplianceRuleSets.Add(stored);
        }
        else
        {
            VersionCheck.Ensure(stored, r.Version);
        }
        stored.MinStaffPerYear = r.MinStaffPerYear;
        stored.MinContinuousDays = r.MinContinuousDays;
        stored.RequireYearRoundCoverage = r.RequireYearRoundCoverage;
        stored.TeamSizeMin = r.TeamSizeMin;
        stored.TeamSizeMax = r.TeamSizeMax;
        stored.MinAssociateSeniorPerTeam = r.MinAssociateSeniorPerTeam;
        stored.MinDaysPerWeek = r.MinDaysPerWeek;
        stored.MentorMinimumLevel = r.MentorMinimumLevel;
        stored.IsMentorRuleStrict = r.IsMentorRuleStrict;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DuplicateRecordException)
        {
            // Two first saves from the defaults at once: the later one is as stale as if it had come second.
            throw new ConcurrencyConflictException();
        }
        return ToDto(stored, false);
    }

    /// The rule set in force: the stored one, or the defaults of the partnership's kind.
    public static async Task<ComplianceRuleSet> RulesInForceAsync(AppDbContext db, int partnershipId, CancellationToken ct)
    {
        var stored = await db.ComplianceRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.PartnershipId == partnershipId, ct);
        if (stored is not null)
            return stored;
        var kind = await db.Partnerships.Where(p => p.Id == partnershipId).Select(p => p.Kind).FirstAsync(ct);
        return ComplianceRuleSet.DefaultsFor(partnershipId, kind);
    }

    public async Task<ComplianceReport?> EvaluateAsync(AccessScope scope, int partnershipId, int year, CancellationToken ct)
    {
        if (year is < 2000 or > 2100)
            new Validation().Add("year", "Error.Range", 2000, 2100).ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var partnership = await db.Visible(scope).AsNoTracking().Where(p => p.Id == partnershipId)
            .Select(p => new
            {
                p.Kind,
                p.StartDate,
                p.EndDate,
                Hosts = p.Parties.Where(x => x.DeletedAt == null && (x.Role == PartyRole.Supported || x.Role == PartyRole.Member))
                    .Select(x => new { x.OrganizationId, x.Organization!.Name, x.JoinedOn, x.LeftOn }).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (partnership is null)
            return null;
        var rules = await db.ComplianceRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.PartnershipId == partnershipId, ct)
            ?? ComplianceRuleSet.DefaultsFor(partnershipId, partnership.Kind);
        var yearStart = new DateOnly(year, 1, 1);
        var yearEnd = new DateOnly(year, 12, 31);
        // One partnership-year is tens of dispatches: they are read once and judged here.
        var dispatches = await db.Dispatches.AsNoTracking()
            .Where(d => d.PartnershipId == partnershipId && !d.IsCancelled && d.Mode != DispatchMode.Remote && d.StartDate <= yearEnd && d.EndDate >= yearStart)
            .Select(d => new Judged(d.Id, d.HostOrganizationId, d.ExpertId, d.Expert!.TitleLevel, d.Mode, d.Batch, d.StartDate, d.EndDate))
            .ToListAsync(ct);

        var results = new List<RuleResult>();
        foreach (var host in partnership.Hosts)
        {
            var from = Max(yearStart, partnership.StartDate, host.JoinedOn);
            var to = Min(yearEnd, partnership.EndDate ?? yearEnd, host.LeftOn ?? yearEnd);
            if (to < from)
                continue;
            var here = dispatches.Where(d => d.HostOrganizationId == host.OrganizationId).ToList();
            results.AddRange(Judge(rules, host.OrganizationId, host.Name, here, new DateRange(from, to)));
        }
        return new ComplianceReport(partnershipId, year, results.All(r => r.Holds), results);
    }

    private IEnumerable<RuleResult> Judge(ComplianceRuleSet rules, int hostId, string hostName, List<Judged> here, DateRange window)
    {
        if (rules.MinStaffPerYear is { } minStaff)
        {
            var staff = here.Select(d => d.ExpertId).Distinct().Count();
            yield return new RuleResult("MinStaffPerYear", hostId, hostName, staff >= minStaff, staff, minStaff, [], [],
                text["Compliance.MinStaffPerYear", staff, minStaff]);
        }
        if (rules.MinContinuousDays is { } minDays)
        {
            var stationed = here.Where(d => d.Mode == DispatchMode.Stationed).ToList();
            var shortStays = stationed.Where(d => d.EndDate.DayNumber - d.StartDate.DayNumber + 1 < minDays).Select(d => d.Id).ToList();
            yield return new RuleResult("MinContinuousDays", hostId, hostName, stationed.Count > 0 && shortStays.Count == 0,
                stationed.Count == 0 ? 0 : stationed.Min(d => d.EndDate.DayNumber - d.StartDate.DayNumber + 1), minDays, [], shortStays,
                stationed.Count == 0 ? text["Compliance.NoStationed"] : text["Compliance.MinContinuousDays", shortStays.Count, minDays]);
        }
        if (rules.RequireYearRoundCoverage)
        {
            var gaps = Gaps(window, here.Where(d => d.Mode == DispatchMode.Stationed).Select(d => new DateRange(d.StartDate, d.EndDate)));
            var uncovered = gaps.Sum(g => g.Days);
            yield return new RuleResult("YearRoundCoverage", hostId, hostName, gaps.Count == 0, window.Days - uncovered, window.Days, gaps, [],
                text["Compliance.YearRoundCoverage", uncovered, gaps.Count]);
        }
        if (rules.TeamSizeMin is not null || rules.TeamSizeMax is not null || rules.MinAssociateSeniorPerTeam is not null)
        {
            foreach (var team in here.Where(d => d.Batch is not null).GroupBy(d => d.Batch!.Value).OrderBy(g => g.Key))
            {
                var size = team.Select(d => d.ExpertId).Distinct().Count();
                var seniors = team.Where(d => d.TitleLevel is TitleLevel.Senior or TitleLevel.AssociateSenior).Select(d => d.ExpertId).Distinct().Count();
                var sizeHolds = (rules.TeamSizeMin is null || size >= rules.TeamSizeMin) && (rules.TeamSizeMax is null || size <= rules.TeamSizeMax);
                var seniorHolds = rules.MinAssociateSeniorPerTeam is null || seniors >= rules.MinAssociateSeniorPerTeam;
                yield return new RuleResult($"Team:{team.Key}", hostId, hostName, sizeHolds && seniorHolds, size, rules.TeamSizeMin, [],
                    team.Select(d => d.Id).ToList(),
                    text["Compliance.Team", team.Key, size, rules.TeamSizeMin?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                        rules.TeamSizeMax?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", seniors, rules.MinAssociateSeniorPerTeam ?? 0]);
            }
        }
        if (rules.MinDaysPerWeek is { } perWeek)
        {
            // Working days (Monday to Friday) with someone on site, averaged over the weeks of the window.
            var ranges = here.Select(d => new DateRange(d.StartDate, d.EndDate)).ToList();
            var covered = 0;
            for (var day = window.From; day <= window.To; day = day.AddDays(1))
            {
                if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && ranges.Any(r => r.From <= day && r.To >= day))
                    covered++;
            }
            var average = covered / Math.Max(1.0, window.Days / 7.0);
            yield return new RuleResult("MinDaysPerWeek", hostId, hostName, average >= perWeek, (int)Math.Floor(average), perWeek, [], [],
                text["Compliance.MinDaysPerWeek", average.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), perWeek]);
        }
    }

    /// The parts of the window that no range covers.
    public static List<DateRange> Gaps(DateRange window, IEnumerable<DateRange> ranges)
    {
        var gaps = new List<DateRange>();
        var cursor = window.From;
        foreach (var r in ranges.Where(r => r.To >= window.From && r.From <= window.To).OrderBy(r => r.From))
        {
            if (r.From > cursor)
                gaps.Add(new DateRange(cursor, r.From.AddDays(-1)));
            if (r.To >= cursor)
                cursor = r.To.AddDays(1);
            if (cursor > window.To)
                return gaps;
        }
        if (cursor <= window.To)
            gaps.Add(new DateRange(cursor, window.To));
        return gaps;
    }

    private static DateOnly Max(params DateOnly[] dates) => dates.Max();

    private static DateOnly Min(params DateOnly[] dates) => dates.Min();

    private static RuleSetDto ToDto(ComplianceRuleSet r, bool isDefault) =>
        new(r.PartnershipId, r.MinStaffPerYear, r.MinContinuousDays, r.RequireYearRoundCoverage, r.TeamSizeMin, r.TeamSizeMax,
            r.MinAssociateSeniorPerTeam, r.MinDaysPerWeek, r.MentorMinimumLevel, r.IsMentorRuleStrict, r.Version, isDefault);

    private sealed record Judged(int Id, int HostOrganizationId, int ExpertId, TitleLevel TitleLevel, DispatchMode Mode, int? Batch, DateOnly StartDate, DateOnly EndDate);
}
