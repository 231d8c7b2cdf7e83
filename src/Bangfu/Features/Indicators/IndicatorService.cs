using System.Globalization;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Files;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Indicators;

/// Indicator definitions, values, validation rules and approvals: the one door for every figure of an organization.
/// Derived figures (formulas, ledger counts, sums of months, change and growth) are computed here on read.
public sealed partial class IndicatorService(AppDbContextFactory dbf, TimeProvider clock, FileStoreOptions files)
{
    // ---- scope -------------------------------------------------------------------------------------------------

    /// Organizations whose figures the caller reads: like people — its own, its partners', its region's (commission).
    public static IQueryable<Organization> ReadableOrganizations(AppDbContext db, AccessScope scope)
    {
        if (scope.IsAdmin)
            return db.Organizations;
        if (scope.ReadsRegion)
            return db.Organizations.Where(o => o.RegionCode.StartsWith(scope.RegionPrefix!));
        if (scope.OrganizationId is not { } org)
            return db.Organizations.Where(o => false);
        var partners = db.PartnerOrganizationIds(org);
        return db.Organizations.Where(o => o.Id == org || partners.Contains(o.Id));
    }

    public static Task<bool> CanReadAsync(AppDbContext db, AccessScope scope, int organizationId, CancellationToken ct) =>
        ReadableOrganizations(db, scope).AnyAsync(o => o.Id == organizationId, ct);

    /// Writers of an organization's figures: administrators, its own organization administrators, and those of a
    /// party that supports it in a partnership (the coordinators enter the return for the supported hospital).
    public static async Task<bool> CanWriteAsync(AppDbContext db, AccessScope scope, int organizationId, CancellationToken ct) =>
        await WriteSpansAsync(db, scope, organizationId, ct) is not { Count: 0 };

    /// Whether the caller writes that organization's figures for this period: a partner only for periods that meet
    /// the dates of a partnership naming both (ADR 0012).
    public static async Task<bool> CanWriteAsync(AppDbContext db, AccessScope scope, int organizationId, Period period, CancellationToken ct) =>
        Covers(await WriteSpansAsync(db, scope, organizationId, ct), period);

    public static bool Covers(IReadOnlyList<(DateOnly Start, DateOnly? End)>? spans, Period period) =>
        spans is null || spans.Any(s => s.Start <= period.End && (s.End is null || s.End >= period.Start));

    /// The dates within which the caller writes an organization's figures: null for no limit (its own side, an
    /// administrator), empty for none, otherwise the dates of each partnership in force in which the caller's
    /// organization is a confirmed giving party and that organization a confirmed receiving one (the InForce filter).
    public static async Task<IReadOnlyList<(DateOnly Start, DateOnly? End)>?> WriteSpansAsync(AppDbContext db, AccessScope scope, int organizationId, CancellationToken ct)
    {
        if (scope.IsAdmin)
            return null;
        if (!scope.IsOrgAdmin || scope.OrganizationId is not { } own)
            return [];
        if (own == organizationId)
            return null;
        var spans = await db.PartnershipParties.Where(mine => mine.OrganizationId == own
                && (mine.Role == PartyRole.Supporting || mine.Role == PartyRole.Lead) && mine.Partnership!.DeletedAt == null
                && db.PartnershipParties.Any(other => other.PartnershipId == mine.PartnershipId && other.OrganizationId == organizationId
                    && (other.Role == PartyRole.Supported || other.Role == PartyRole.Member)))
            .Select(mine => new { mine.Partnership!.StartDate, mine.Partnership.EndDate })
            .ToListAsync(ct);
        return spans.Select(x => (x.StartDate, x.EndDate)).ToList();
    }

    /// A partner's entry for a period outside every partnership naming it is a field error on that period.
    private static void CheckSpans(Validation v, IReadOnlyList<(DateOnly Start, DateOnly? End)>? spans, Entry entry, string periodField)
    {
        if (!Covers(spans, entry.Period))
            v.Add(periodField, "Indicators.OutsidePartnership", entry.Period.ToString());
    }

    /// Approvers: administrators, and the health commission of the organization's region.
    private static async Task<bool> CanApproveAsync(AppDbContext db, AccessScope scope, int organizationId, CancellationToken ct) =>
        scope.IsAdmin || (scope.ReadsRegion && await CanReadAsync(db, scope, organizationId, ct));

    // ---- definitions ---------------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<IndicatorDefinitionDto>> ListDefinitionsAsync(CancellationToken ct)
    {
        await using var db = dbf.CreateDbContext();
        return (await db.IndicatorDefinitions.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<IndicatorDefinitionDto> CreateDefinitionAsync(AccessScope scope, SaveIndicatorDefinitionRequest r, CancellationToken ct)
    {
        EnsureAdmin(scope);
        await using var db = dbf.CreateFor(scope);
        var all = await db.IndicatorDefinitions.ToListAsync(ct);
        var v = CheckDefinition(r);
        if (all.Any(i => string.Equals(i.Code, r.Code?.Trim(), StringComparison.OrdinalIgnoreCase)))
            v.Add("code", "Indicators.CodeTaken");
        v.ThrowIfAny();
        var definition = new IndicatorDefinition { Code = r.Code!.Trim(), NameZh = "", NameEn = "", SortOrder = r.SortOrder ?? (all.Count == 0 ? 10 : all.Max(i => i.SortOrder) + 10) };
        Apply(definition, r, structure: true);
        CheckFormula(definition, all.Append(definition).ToList());
        db.IndicatorDefinitions.Add(definition);
        await db.SaveChangesAsync(ct);
        return ToDto(definition);
    }

    /// Built-in definitions keep their code and structure; their names, unit, target and order may be edited.
    public async Task<IndicatorDefinitionDto?> UpdateDefinitionAsync(AccessScope scope, int id, SaveIndicatorDefinitionRequest r, CancellationToken ct)
    {
        EnsureAdmin(scope);
        await using var db = dbf.CreateFor(scope);
        var all = await db.IndicatorDefinitions.ToListAsync(ct);
        var definition = all.FirstOrDefault(i => i.Id == id);
        if (definition is null)
            return null;
        var v = definition.IsBuiltIn
            ? new Validation().Required("nameZh", r.NameZh, 80).Required("nameEn", r.NameEn, 120).Optional("unit", r.Unit, 20)
            : CheckDefinition(r with { Code = definition.Code });
        v.ThrowIfAny();
        VersionCheck.Ensure(definition, r.Version);
        Apply(definition, r, structure: !definition.IsBuiltIn);
        CheckFormula(definition, all);
        await db.SaveChangesAsync(ct);
        return ToDto(definition);
    }

    public async Task<bool> DeleteDefinitionAsync(AccessScope scope, int id, CancellationToken ct)
    {
        EnsureAdmin(scope);
        await using var db = dbf.CreateFor(scope);
        var definition = await db.IndicatorDefinitions.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (definition is null)
            return false;
        if (definition.IsBuiltIn)
            throw new DomainRuleException("Indicators.BuiltInNotDeletable");
        var code = definition.Code;
        if (await db.IndicatorDefinitions.AnyAsync(i => i.NumeratorCode == code || i.DenominatorCode == code, ct)
            || await db.IndicatorValidationRules.AnyAsync(r => r.LeftCode == code || r.RightCodes.Contains(code), ct)
            || await db.IndicatorValues.AnyAsync(x => x.IndicatorId == id, ct)
            || await db.PlanGoals.AnyAsync(g => g.IndicatorCode == code, ct))
            throw new DomainRuleException("Indicators.InUse");
        db.IndicatorDefinitions.Remove(definition);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void EnsureAdmin(AccessScope scope)
    {
        if (!scope.IsAdmin)
            throw new AccessDeniedException();
    }

    private static Validation CheckDefinition(SaveIndicatorDefinitionRequest r)
    {
        var v = new Validation().Required("code", r.Code, 40).Required("nameZh", r.NameZh, 80).Required("nameEn", r.NameEn, 120)
            .Optional("unit", r.Unit, 20).Defined("valueType", r.ValueType).Defined("periodType", r.PeriodType).Defined("direction", r.Direction);
        if (r.Aggregation is { } a && !Enum.IsDefined(a))
            v.Add("aggregation", "Error.UnknownValue");
        if (r.Code is { } code && !string.IsNullOrWhiteSpace(code) && !code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            v.Add("code", "Indicators.CodeFormat");
        var isFormula = !string.IsNullOrWhiteSpace(r.NumeratorCode) || !string.IsNullOrWhiteSpace(r.DenominatorCode);
        if (isFormula)
        {
            v.Required("numeratorCode", r.NumeratorCode, 40).Required("denominatorCode", r.DenominatorCode, 40);
            if (r.Factor is null or <= 0)
                v.Add("factor", "Error.MustBePositive");
        }
        return v;
    }

    private static void Apply(IndicatorDefinition d, SaveIndicatorDefinitionRequest r, bool structure)
    {
        d.NameZh = r.NameZh!.Trim();
        d.NameEn = r.NameEn!.Trim();
        d.Unit = string.IsNullOrWhiteSpace(r.Unit) ? null : r.Unit.Trim();
        d.Target = r.Target;
        if (r.SortOrder is { } order)
            d.SortOrder = order;
        if (!structure)
            return;
        d.ValueType = r.ValueType!.Value;
        d.PeriodType = r.PeriodType!.Value;
        d.Direction = r.Direction!.Value;
        var isFormula = !string.IsNullOrWhiteSpace(r.NumeratorCode);
        d.Kind = isFormula ? IndicatorKind.Formula : IndicatorKind.DataElement;
        d.Aggregation = r.Aggregation ?? (d.ValueType == IndicatorValueType.Percent ? IndicatorAggregation.Average : IndicatorAggregation.Sum);
        d.NumeratorCode = isFormula ? r.NumeratorCode!.Trim() : null;
        d.DenominatorCode = isFormula ? r.DenominatorCode!.Trim() : null;
        d.Factor = isFormula ? r.Factor : null;
    }

    /// A formula names known codes and never leads back to itself.
    private static void CheckFormula(IndicatorDefinition d, IReadOnlyList<IndicatorDefinition> all)
    {
        if (d.Kind != IndicatorKind.Formula)
            return;
        var byCode = all.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        var v = new Validation();
        if (!byCode.ContainsKey(d.NumeratorCode!))
            v.Add("numeratorCode", "Indicators.UnknownCode", d.NumeratorCode!);
        if (!byCode.ContainsKey(d.DenominatorCode!))
            v.Add("denominatorCode", "Indicators.UnknownCode", d.DenominatorCode!);
        v.ThrowIfAny();
        var visiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        bool Cycles(IndicatorDefinition x)
        {
            if (x.Kind != IndicatorKind.Formula)
                return false;
            if (!visiting.Add(x.Code))
                return true;
            var found = (byCode.TryGetValue(x.NumeratorCode!, out var n) && Cycles(n)) || (byCode.TryGetValue(x.DenominatorCode!, out var m) && Cycles(m));
            visiting.Remove(x.Code);
            return found;
        }
        if (Cycles(d))
            v.Add("numeratorCode", "Indicators.FormulaCycle").ThrowIfAny();
    }

    private static IndicatorDefinitionDto ToDto(IndicatorDefinition i) => new(i.Id, i.Code, i.NameZh, i.NameEn, i.Unit, i.ValueType, i.PeriodType,
        i.Direction, i.Aggregation, i.Kind, i.NumeratorCode, i.DenominatorCode, i.Factor, i.ComputedFrom, i.Target, i.IsBuiltIn, i.SortOrder, i.Version);

    // ---- values: write -------------------------------------------------------------------------------------------

    private sealed record Entry(int OrganizationId, IndicatorDefinition Definition, Period Period, decimal Value, string Field);

    /// Saves a return. Null when the organization is unknown to the caller (404).
    public async Task<SaveValuesResult?> SaveValuesAsync(AccessScope scope, SaveValuesRequest request, CancellationToken ct)
    {
        var v = new Validation();
        if (request.OrganizationId is null)
            v.Add("organizationId", "Error.Required");
        if (request.Values is null || request.Values.Count == 0)
            v.Add("values", "Error.Required");
        v.ThrowIfAny();
        var org = request.OrganizationId!.Value;
        await using var db = dbf.CreateFor(scope);
        if (!await CanReadAsync(db, scope, org, ct))
            return null;
        var spans = await WriteSpansAsync(db, scope, org, ct);
        if (spans is { Count: 0 })
            throw new AccessDeniedException();
        var definitions = await db.IndicatorDefinitions.AsNoTracking().ToListAsync(ct);
        var byCode = definitions.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        var entries = new List<Entry>();
        for (var i = 0; i < request.Values!.Count; i++)
        {
            if (request.Values[i] is not { } e)
                v.Add($"values[{i}]", "Error.Required");
            else if (CheckEntry(v, k => $"values[{i}].{k}", e, byCode) is { } ok)
                entries.Add(new Entry(org, ok.Definition, ok.Period, ok.Value, $"values[{i}]"));
        }
        CheckDuplicates(v, entries);
        foreach (var entry in entries)
            CheckSpans(v, spans, entry, entry.Field + ".period");
        v.ThrowIfAny();
        var warnings = await WriteAsync(db, scope, entries, ValueSource.Entered, definitions, ct);
        var periods = entries.Select(e => e.Period).Distinct().ToList();
        var resolved = await ResolveAsync(db, org, periods, definitions, ct);
        var values = periods.SelectMany(p => definitions.OrderBy(d => d.SortOrder).Select(d => (d, p)))
            .Select(x => resolved.Get(x.d.Code, x.p) is { } r ? new IndicatorValueDto(x.d.Code, x.p.ToString(), r.Value, r.Source) : null)
            .OfType<IndicatorValueDto>().ToList();
        return new SaveValuesResult(entries.Count, warnings, values);
    }

    private static (IndicatorDefinition Definition, Period Period, decimal Value)? CheckEntry(Validation v, Func<string, string> field, ValueEntry e,
        Dictionary<string, IndicatorDefinition> byCode)
    {
        var before = v.Errors.Count;
        IndicatorDefinition? definition = null;
        if (string.IsNullOrWhiteSpace(e.Code))
            v.Add(field("code"), "Error.Required");
        else if (!byCode.TryGetValue(e.Code.Trim(), out definition))
            v.Add(field("code"), "Indicators.UnknownCode", e.Code);
        else if (definition.Kind != IndicatorKind.DataElement)
            v.Add(field("code"), "Indicators.NotEnterable", e.Code);
        if (!Period.TryParse(e.Period, out var period))
            v.Add(field("period"), "Indicators.BadPeriod");
        if (e.Value is not { } value)
            v.Add(field("value"), "Error.Required");
        else if (value < 0)
            v.Add(field("value"), "Indicators.Negative");
        else if (definition?.ValueType == IndicatorValueType.Integer && value != decimal.Truncate(value))
            v.Add(field("value"), "Indicators.WholeNumber");
        else if (definition?.ValueType == IndicatorValueType.Percent && value > 100)
            v.Add(field("value"), "Error.Range", 0, 100);
        return v.Errors.Count == before ? (definition!, period, e.Value!.Value) : null;
    }

    private static void CheckDuplicates(Validation v, List<Entry> entries)
    {
        foreach (var g in entries.GroupBy(e => (e.OrganizationId, e.Definition.Id, e.Period)).Where(g => g.Count() > 1))
            v.Add(g.Last().Field, "Indicators.Duplicate", g.Key.Period.ToString());
    }

    /// Upserts the figures in one transaction after checking no approved period holds them; returns the rule warnings.
    private async Task<IReadOnlyList<RuleWarning>> WriteAsync(AppDbContext db, AccessScope scope, List<Entry> entries, ValueSource source,
        IReadOnlyList<IndicatorDefinition> definitions, CancellationToken ct)
    {
        var orgs = entries.Select(e => e.OrganizationId).Distinct().ToList();
        var approved = await db.PeriodApprovals.AsNoTracking()
            .Where(a => orgs.Contains(a.OrganizationId) && a.State == ApprovalState.Approved)
            .Select(a => new { a.OrganizationId, a.PeriodType, a.PeriodStart }).ToListAsync(ct);
        foreach (var e in entries)
        {
            var lockedBy = approved.FirstOrDefault(a => a.OrganizationId == e.OrganizationId && new Period(a.PeriodType, a.PeriodStart).Contains(e.Period));
            if (lockedBy is not null)
                throw new DomainRuleException("Indicators.PeriodLocked", e.Period.ToString(), new Period(lockedBy.PeriodType, lockedBy.PeriodStart).ToString());
        }
        var ids = entries.Select(e => e.Definition.Id).Distinct().ToList();
        var starts = entries.Select(e => e.Period.Start).Distinct().ToList();
        var existing = await db.IndicatorValues
            .Where(x => orgs.Contains(x.OrganizationId) && ids.Contains(x.IndicatorId) && starts.Contains(x.PeriodStart)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var e in entries)
        {
            var row = existing.FirstOrDefault(x => x.OrganizationId == e.OrganizationId && x.IndicatorId == e.Definition.Id
                && x.PeriodType == e.Period.Type && x.PeriodStart == e.Period.Start);
            if (row is null)
            {
                row = new IndicatorValue
                {
                    OrganizationId = e.OrganizationId,
                    IndicatorId = e.Definition.Id,
                    PeriodType = e.Period.Type,
                    PeriodStart = e.Period.Start,
                    UpdatedBy = scope.UserName,
                };
                db.IndicatorValues.Add(row);
                existing.Add(row);
            }
            else if (row.Value == e.Value)
            {
                continue;
            }
            row.Value = e.Value;
            row.Source = source;
            row.UpdatedAt = now;
            row.UpdatedBy = scope.UserName;
        }
        await SaveOrConflictAsync(db, ct);
        var warnings = new List<RuleWarning>();
        foreach (var org in orgs)
            warnings.AddRange(await EvaluateRulesAsync(db, org, entries.Where(e => e.OrganizationId == org).Select(e => e.Period).Distinct().ToList(), definitions, ct));
        return warnings;
    }

    /// Two returns that add the same new figure at once meet at the unique index: the second is told to reload (409).
    private static async Task SaveOrConflictAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    // ---- values: read --------------------------------------------------------------------------------------------

    /// The figures of one organization for the periods from..to (of from's type), every indicator or one code.
    /// Null when the organization is unknown to the caller.
    public async Task<IReadOnlyList<IndicatorValueDto>?> SeriesAsync(AccessScope scope, int organizationId, string? code, Period from, Period to, CancellationToken ct)
    {
        if (to.Start < from.Start)
            new Validation().Add("to", "Error.EndBeforeStart").ThrowIfAny();
        var periods = new List<Period>();
        for (var p = Period.Of(from.Type, from.Start); p.Start <= to.Start && periods.Count < 600; p = p.Next)
            periods.Add(p);
        await using var db = dbf.CreateFor(scope);
        if (!await CanReadAsync(db, scope, organizationId, ct))
            return null;
        var definitions = await db.IndicatorDefinitions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        var wanted = code is null ? definitions : definitions.Where(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase)).ToList();
        if (code is not null && wanted.Count == 0)
            new Validation().Add("code", "Indicators.UnknownCode", code).ThrowIfAny();
        // Month rows need the months before 'from' in the same year for their year-to-date sums.
        var resolvedPeriods = from.Type == PeriodType.Month
            ? Enumerable.Range(0, ((to.Start.Year - from.Start.Year) * 12) + to.Start.Month).Select(i => new Period(PeriodType.Month, new DateOnly(from.Start.Year, 1, 1).AddMonths(i))).ToList()
            : periods;
        var resolved = await ResolveAsync(db, organizationId, resolvedPeriods, definitions, ct);
        var rows = new List<IndicatorValueDto>();
        foreach (var d in wanted)
        {
            foreach (var p in periods)
            {
                var r = resolved.Get(d.Code, p);
                decimal? qtd = null, ytd = null;
                if (p.Type == PeriodType.Month && d.Kind != IndicatorKind.Formula && d.Aggregation == IndicatorAggregation.Sum)
                {
                    decimal? SumSince(DateOnly start) => resolvedPeriods.Where(m => m.Start >= start && m.Start <= p.Start)
                        .Select(m => resolved.Get(d.Code, m)?.Value).Where(x => x is not null).Aggregate((decimal?)null, (a, b) => (a ?? 0) + b);
                    qtd = SumSince(Period.Of(PeriodType.Quarter, p.Start).Start);
                    ytd = SumSince(new DateOnly(p.Start.Year, 1, 1));
                }
                if (r is not null || qtd is not null)
                    rows.Add(new IndicatorValueDto(d.Code, p.ToString(), r?.Value, r?.Source, qtd, ytd));
            }
        }
        return rows;
    }

    /// Every indicator of a period beside a baseline period (e.g. the year before a trusteeship began).
    public async Task<ComparisonDto?> CompareAsync(AccessScope scope, int organizationId, Period period, Period baseline, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await CanReadAsync(db, scope, organizationId, ct))
            return null;
        var definitions = await db.IndicatorDefinitions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
        var resolved = await ResolveAsync(db, organizationId, [period, baseline], definitions, ct);
        var rows = new List<IndicatorComparison>();
        foreach (var d in definitions)
        {
            var value = resolved.Get(d.Code, period)?.Value;
            var before = resolved.Get(d.Code, baseline)?.Value;
            if (value is null && before is null)
                continue;
            rows.Add(new IndicatorComparison(d.Code, d.NameZh, d.NameEn, d.Unit, d.Kind, d.Direction, Round(value), Round(before),
                value is { } a && before is { } b ? Round(a - b) : null, Growth(value, before)));
        }
        return new ComparisonDto(organizationId, period.ToString(), baseline.ToString(), rows);
    }

    /// Growth = (this − last) ÷ last, as a percentage to two decimals; none when the base is missing or zero.
    public static decimal? Growth(decimal? value, decimal? baseline) =>
        value is { } v && baseline is { } b && b != 0 ? Math.Round((v - b) / b * 100m, 2, MidpointRounding.AwayFromZero) : null;

    /// Drops the trailing zeros a numeric column adds (13452.0000 → 13452), so figures read as they were entered.
    public static decimal Normalize(decimal x) => x / 1.000000000000000000000000000000000m;

    private static decimal? Round(decimal? x) => x is { } v ? Normalize(Math.Round(v, 4, MidpointRounding.AwayFromZero)) : null;

    public sealed record Resolved(decimal Value, ValueSource Source);

    /// The figures of one organization for some periods, keyed by code and period.
    public sealed class Resolution(Dictionary<(string Code, Period Period), Resolved> values)
    {
        public Resolved? Get(string code, Period period) => values.TryGetValue((code.ToUpperInvariant(), period), out var r) ? r : null;
    }

    /// Resolves every indicator for the periods: stored figures first, else months added up (in SQL), formulas from
    /// their parts, ledger counts from the dispatches. Three queries whatever the number of indicators.
    public static async Task<Resolution> ResolveAsync(AppDbContext db, int organizationId, IReadOnlyCollection<Period> periods,
        IReadOnlyList<IndicatorDefinition> definitions, CancellationToken ct)
    {
        var result = new Dictionary<(string, Period), Resolved>();
        if (periods.Count == 0)
            return new Resolution(result);
        var byCode = definitions.ToDictionary(d => d.Code.ToUpperInvariant());
        var min = periods.Min(p => p.Start);
        var max = periods.Max(p => p.End);

        var wantsMonths = periods.Any(p => p.Type == PeriodType.Month);
        var stored = await db.IndicatorValues.AsNoTracking()
            .Where(x => x.OrganizationId == organizationId && x.PeriodStart >= min && x.PeriodStart <= max)
            .Where(x => wantsMonths || x.PeriodType != PeriodType.Month)
            .Select(x => new { x.IndicatorId, x.PeriodType, x.PeriodStart, x.Value, x.Source }).ToListAsync(ct);
        var exact = stored.ToDictionary(x => (x.IndicatorId, new Period(x.PeriodType, x.PeriodStart)), x => new Resolved(Normalize(x.Value), x.Source));

        // Quarters and years without a figure of their own add up (or average) their months; SQL does the adding.
        var quarters = new Dictionary<(int IndicatorId, int Year, int Quarter), (decimal Sum, int Count)>();
        if (periods.Any(p => p.Type != PeriodType.Month))
        {
            var sums = await db.IndicatorValues.AsNoTracking()
                .Where(x => x.OrganizationId == organizationId && x.PeriodType == PeriodType.Month && x.PeriodStart >= min && x.PeriodStart <= max)
                .GroupBy(x => new { x.IndicatorId, x.PeriodStart.Year, Quarter = (x.PeriodStart.Month + 2) / 3 })
                .Select(g => new { g.Key.IndicatorId, g.Key.Year, g.Key.Quarter, Sum = g.Sum(x => (double)x.Value), Count = g.Count() })
                .ToListAsync(ct);
            foreach (var s in sums)
                quarters[(s.IndicatorId, s.Year, s.Quarter)] = (Normalize(Math.Round((decimal)s.Sum, 4)), s.Count);
        }

        // Ledger counts: the qualifying stays at this host, counted per period below.
        var stays = definitions.Any(d => d.Kind == IndicatorKind.Computed && d.ComputedFrom == LedgerCounts.StationedMidLevelExperts)
            ? await StationedMidLevelStaysAsync(db, organizationId, min, max, ct)
            : [];
        var downReferrals = definitions.Any(d => d.Kind == IndicatorKind.Computed && d.ComputedFrom == LedgerCounts.DownReferrals)
            ? await DownReferralMonthsAsync(db, organizationId, min, max, ct)
            : [];

        Resolved? Element(IndicatorDefinition d, Period p)
        {
            if (exact.TryGetValue((d.Id, p), out var r))
                return r;
            if (p.Type == PeriodType.Month)
                return null;
            var parts = p.MonthsInside().Select(m => (m.Start.Year, Quarter: (m.Start.Month + 2) / 3)).Distinct()
                .Select(k => quarters.TryGetValue((d.Id, k.Year, k.Quarter), out var q) ? q : ((decimal Sum, int Count)?)null)
                .OfType<(decimal Sum, int Count)>().ToList();
            if (parts.Count == 0)
                return null;
            var sum = parts.Sum(q => q.Sum);
            var count = parts.Sum(q => q.Count);
            return new Resolved(d.Aggregation == IndicatorAggregation.Average ? Math.Round(sum / count, 4) : sum, ValueSource.Computed);
        }

        Resolved? Value(IndicatorDefinition d, Period p, int depth)
        {
            if (depth > 20)
                return null;
            switch (d.Kind)
            {
                case IndicatorKind.Formula:
                    if (!byCode.TryGetValue(d.NumeratorCode!.ToUpperInvariant(), out var n) || !byCode.TryGetValue(d.DenominatorCode!.ToUpperInvariant(), out var m))
                        return null;
                    var num = Value(n, p, depth + 1);
                    var den = Value(m, p, depth + 1);
                    if (num is null || den is null || den.Value == 0)
                        return null;
                    return new Resolved(Normalize(Math.Round(num.Value / den.Value * (d.Factor ?? 1m), 4, MidpointRounding.AwayFromZero)), ValueSource.Computed);
                case IndicatorKind.Computed when d.ComputedFrom == LedgerCounts.DownReferrals:
                    return new Resolved(p.MonthsInside().Sum(m => downReferrals.GetValueOrDefault(m.Start)), ValueSource.Computed);
                case IndicatorKind.Computed:
                    return new Resolved(stays.Where(s => s.Start <= p.End && s.End >= p.Start).Select(s => s.ExpertId).Distinct().Count(), ValueSource.Computed);
                default:
                    return Element(d, p);
            }
        }

        foreach (var p in periods.Distinct())
        {
            foreach (var d in definitions)
            {
                if (Value(d, p, 0) is { } r)
                    result[(d.Code.ToUpperInvariant(), p)] = r;
            }
        }
        return new Resolution(result);
    }

    private sealed record Stay(int ExpertId, DateOnly Start, DateOnly End);

    /// Down-referrals the organization sent whose patient arrived, counted per month in SQL, keyed by the month's first day.
    private static async Task<Dictionary<DateOnly, int>> DownReferralMonthsAsync(AppDbContext db, int organizationId, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await db.Referrals.AsNoTracking()
            .Where(r => r.FromOrganizationId == organizationId && r.Direction == Referrals.ReferralDirection.Down
                && (r.Status == Referrals.ReferralStatus.Received || r.Status == Referrals.ReferralStatus.Completed)
                && r.ReceivedOn >= from && r.ReceivedOn <= to)
            .GroupBy(r => new { r.ReceivedOn!.Value.Year, r.ReceivedOn.Value.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct))
        .ToDictionary(x => new DateOnly(x.Year, x.Month, 1), x => x.Count);

    /// Stationed dispatches of 183 days or more at the host, of experts titled 中级 or above.
    private static async Task<List<Stay>> StationedMidLevelStaysAsync(AppDbContext db, int hostId, DateOnly from, DateOnly to, CancellationToken ct) =>
        await db.Dispatches.AsNoTracking()
            .Where(d => d.HostOrganizationId == hostId && !d.IsCancelled && d.Mode == DispatchMode.Stationed
                && d.StartDate <= to && d.EndDate >= from && d.StartDate.AddDays(182) <= d.EndDate
                && (d.Expert!.TitleLevel == TitleLevel.Senior || d.Expert.TitleLevel == TitleLevel.AssociateSenior || d.Expert.TitleLevel == TitleLevel.Intermediate))
            .Select(d => new Stay(d.ExpertId, d.StartDate, d.EndDate)).ToListAsync(ct);

    // ---- validation rules ----------------------------------------------------------------------------------------

    public async Task<IReadOnlyList<ValidationRuleDto>> ListRulesAsync(CancellationToken ct)
    {
        await using var db = dbf.CreateDbContext();
        return (await db.IndicatorValidationRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<ValidationRuleDto> CreateRuleAsync(AccessScope scope, SaveValidationRuleRequest r, CancellationToken ct)
    {
        EnsureAdmin(scope);
        await using var db = dbf.CreateFor(scope);
        var (op, right) = await CheckRuleAsync(db, r, structure: true, ct);
        var rule = new IndicatorValidationRule { NameZh = "", NameEn = "", LeftCode = "" };
        ApplyRule(rule, r, op, right, structure: true);
        db.IndicatorValidationRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return ToDto(rule);
    }

    /// Built-in rules keep what they compare (left side, operator, right codes); their names, constant and tolerance
    /// may be edited. Null when the rule is unknown (404); 409 when the version is stale.
    public async Task<ValidationRuleDto?> UpdateRuleAsync(AccessScope scope, int id, SaveValidationRuleRequest r, CancellationToken ct)
    {
        EnsureAdmin(scope);
        await using var db = dbf.CreateFor(scope);
        var rule = await db.IndicatorValidationRules.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (rule is null)
            return null;
        var (op, right) = await CheckRuleAsync(db, r, structure: !rule.IsBuiltIn, ct);
        VersionCheck.Ensure(rule, r.Version);
        ApplyRule(rule, r, op, right, structure: !rule.IsBuiltIn);
        await db.SaveChangesAsync(ct);
        return ToDto(rule);
    }

    /// Built-in rules are not deleted (the catalogue would bring them back); widen their tolerance instead.
    public async Task<bool> DeleteRuleAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        EnsureAdmin(scope);
        await using var db = dbf.CreateFor(scope);
        var rule = await db.IndicatorValidationRules.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (rule is null)
            return false;
        VersionCheck.Ensure(rule, version);
        if (rule.IsBuiltIn)
            throw new DomainRuleException("I4r.BuiltInRuleNotDeletable");
        db.IndicatorValidationRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static async Task<(RuleOperator? Op, string[] Right)> CheckRuleAsync(AppDbContext db, SaveValidationRuleRequest r, bool structure, CancellationToken ct)
    {
        var v = new Validation().Required("nameZh", r.NameZh, 120).Required("nameEn", r.NameEn, 160);
        if (r.Tolerance is < 0)
            v.Add("tolerance", "Indicators.Negative");
        if (!structure)
        {
            v.ThrowIfAny();
            return (null, []);
        }
        var codes = (await db.IndicatorDefinitions.Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        v.Required("leftCode", r.LeftCode, 40).Optional("rightCodes", r.RightCodes, 400);
        var op = IndicatorValidationRule.ParseSymbol(r.Operator);
        if (op is null)
            v.Add("operator", "Error.UnknownValue");
        if (r.LeftCode is { } left && !string.IsNullOrWhiteSpace(left) && !codes.Contains(left.Trim()))
            v.Add("leftCode", "Indicators.UnknownCode", left);
        var right = (r.RightCodes ?? "").Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var c in right.Where(c => !codes.Contains(c)))
            v.Add("rightCodes", "Indicators.UnknownCode", c);
        v.ThrowIfAny();
        return (op, right);
    }

    private static void ApplyRule(IndicatorValidationRule rule, SaveValidationRuleRequest r, RuleOperator? op, string[] right, bool structure)
    {
        rule.NameZh = r.NameZh!.Trim();
        rule.NameEn = r.NameEn!.Trim();
        rule.RightConstant = r.RightConstant ?? 0;
        rule.Tolerance = r.Tolerance ?? 0;
        if (!structure)
            return;
        rule.LeftCode = r.LeftCode!.Trim();
        rule.Operator = op!.Value;
        rule.RightCodes = string.Join('+', right);
    }

    private static ValidationRuleDto ToDto(IndicatorValidationRule r) =>
        new(r.Id, r.NameZh, r.NameEn, r.LeftCode, IndicatorValidationRule.Symbol(r.Operator), r.RightCodes, r.RightConstant, r.Tolerance, r.IsBuiltIn, r.Version);

    /// The rules broken by an organization's figures in the periods; a rule with a missing side is skipped.
    public static async Task<IReadOnlyList<RuleWarning>> EvaluateRulesAsync(AppDbContext db, int organizationId, IReadOnlyList<Period> periods,
        IReadOnlyList<IndicatorDefinition> definitions, CancellationToken ct)
    {
        var rules = await db.IndicatorValidationRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        if (rules.Count == 0)
            return [];
        var resolved = await ResolveAsync(db, organizationId, periods, definitions, ct);
        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var warnings = new List<RuleWarning>();
        foreach (var p in periods)
        {
            foreach (var rule in rules)
            {
                var left = resolved.Get(rule.LeftCode, p)?.Value;
                var parts = rule.RightCodeList.Select(c => resolved.Get(c, p)?.Value).ToList();
                if (left is null || parts.Any(x => x is null))
                    continue;
                var right = parts.Sum(x => x!.Value) + rule.RightConstant;
                if (IndicatorValidationRule.Holds(left.Value, rule.Operator, right, rule.Tolerance))
                    continue;
                var name = zh ? rule.NameZh : rule.NameEn;
                var message = string.Create(CultureInfo.InvariantCulture,
                    $"{p}：{name}（{rule.LeftCode} = {left.Value:0.####} {IndicatorValidationRule.Symbol(rule.Operator)} {right:0.####}）");
                warnings.Add(new RuleWarning(rule.Id, organizationId, p.ToString(), rule.LeftCode, IndicatorValidationRule.Symbol(rule.Operator),
                    left.Value, right, rule.Tolerance, message));
            }
        }
        return warnings;
    }
}
