using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Indicators;

/// The built-in catalogue of domain §8, inserted at start-up when a code is missing. Existing rows are never
/// touched, so an administrator's edits to names and targets survive upgrades (see ADR 0009).
public static class IndicatorCatalogue
{
    public const string Revenue = "REVENUE";
    public const string OutpatientVisits = "OUTPATIENT_VISITS";
    public const string Admissions = "ADMISSIONS";
    public const string Discharges = "DISCHARGES";
    public const string Surgeries = "SURGERIES";
    public const string Grade34Surgeries = "SURGERIES_G34";
    public const string Grade34Share = "SURGERIES_G34_SHARE";
    public const string CountyVisitsInside = "COUNTY_VISITS_INSIDE";
    public const string CountyVisitsAll = "COUNTY_VISITS_ALL";
    public const string CountyRetentionRate = "COUNTY_RETENTION_RATE";
    public const string PrimaryCareVisits = "PRIMARY_CARE_VISITS";
    public const string AllVisitsInRegion = "REGION_VISITS_ALL";
    public const string PrimaryCareShare = "PRIMARY_CARE_SHARE";
    public const string DownReferrals = "DOWN_REFERRALS";
    public const string AverageLengthOfStay = "AVG_LENGTH_OF_STAY";
    public const string DiagnosisAgreement = "DIAGNOSIS_AGREEMENT_RATE";
    public const string StationedMidLevelExperts = "STATIONED_MIDLEVEL_EXPERTS";
    public const string GraduatesRecruited = "GRADUATES_RECRUITED";

    public static IReadOnlyList<IndicatorDefinition> Defaults()
    {
        var order = 0;
        IndicatorDefinition Element(string code, string zh, string en, string? unit, IndicatorValueType type = IndicatorValueType.Integer,
            PeriodType period = PeriodType.Month, IndicatorAggregation aggregation = IndicatorAggregation.Sum,
            IndicatorDirection direction = IndicatorDirection.HigherIsBetter, decimal? target = null) => new()
            {
                Code = code,
                NameZh = zh,
                NameEn = en,
                Unit = unit,
                ValueType = type,
                PeriodType = period,
                Aggregation = aggregation,
                Direction = direction,
                Kind = IndicatorKind.DataElement,
                Target = target,
                IsBuiltIn = true,
                SortOrder = order += 10,
            };
        IndicatorDefinition Formula(string code, string zh, string en, string numerator, string denominator, decimal factor, decimal? target,
            PeriodType period = PeriodType.Year) => new()
            {
                Code = code,
                NameZh = zh,
                NameEn = en,
                Unit = "%",
                ValueType = IndicatorValueType.Percent,
                PeriodType = period,
                Aggregation = IndicatorAggregation.Average,
                Direction = IndicatorDirection.HigherIsBetter,
                Kind = IndicatorKind.Formula,
                NumeratorCode = numerator,
                DenominatorCode = denominator,
                Factor = factor,
                Target = target,
                IsBuiltIn = true,
                SortOrder = order += 10,
            };

        return
        [
            Element(Revenue, "业务收入", "Operating revenue", "万元", IndicatorValueType.Number),
            Element(OutpatientVisits, "门急诊人次", "Outpatient and emergency visits", "人次"),
            Element(Admissions, "住院人次", "Inpatient admissions", "人次"),
            Element(Discharges, "出院人次", "Discharges", "人次"),
            Element(Surgeries, "手术台次", "Surgeries", "台次"),
            Element(Grade34Surgeries, "三、四级手术台次", "Grade 3–4 surgeries", "台次"),
            Formula(Grade34Share, "三、四级手术占比", "Share of grade 3–4 surgeries", Grade34Surgeries, Surgeries, 100m, null, PeriodType.Month),
            Element(CountyVisitsInside, "县域内就诊人次", "County residents' visits inside the county", "人次", period: PeriodType.Year),
            Element(CountyVisitsAll, "县域居民就诊总人次", "All visits of county residents", "人次", period: PeriodType.Year),
            Formula(CountyRetentionRate, "县域内就诊率", "In-county visit rate", CountyVisitsInside, CountyVisitsAll, 100m, 90m),
            Element(PrimaryCareVisits, "基层诊疗人次", "Primary-care visits", "人次", period: PeriodType.Year),
            Element(AllVisitsInRegion, "区域诊疗总人次", "All visits in the region", "人次", period: PeriodType.Year),
            Formula(PrimaryCareShare, "基层诊疗量占比", "Primary-care share of visits", PrimaryCareVisits, AllVisitsInRegion, 100m, 65m),
            new IndicatorDefinition
            {
                Code = DownReferrals, NameZh = "下转人数", NameEn = "Down-referrals", Unit = "人", ValueType = IndicatorValueType.Integer,
                PeriodType = PeriodType.Year, Aggregation = IndicatorAggregation.Sum, Direction = IndicatorDirection.HigherIsBetter,
                Kind = IndicatorKind.Computed, ComputedFrom = LedgerCounts.DownReferrals, IsBuiltIn = true, SortOrder = order += 10,
            },
            Element(AverageLengthOfStay, "平均住院日", "Average length of stay", "天", IndicatorValueType.Number, aggregation: IndicatorAggregation.Average,
                direction: IndicatorDirection.LowerIsBetter, target: 9m),
            Element(DiagnosisAgreement, "入出院诊断符合率", "Admission–discharge diagnosis agreement", "%", IndicatorValueType.Percent,
                aggregation: IndicatorAggregation.Average, target: 95m),
            new IndicatorDefinition
            {
                Code = StationedMidLevelExperts, NameZh = "中级及以上医师派驻6个月以上人数", NameEn = "Mid-level+ physicians stationed 6 months or more",
                Unit = "人", ValueType = IndicatorValueType.Integer, PeriodType = PeriodType.Year, Aggregation = IndicatorAggregation.Sum,
                Direction = IndicatorDirection.HigherIsBetter, Kind = IndicatorKind.Computed, ComputedFrom = LedgerCounts.StationedMidLevelExperts,
                IsBuiltIn = true, SortOrder = order += 10,
            },
            Element(GraduatesRecruited, "人才引进", "Graduates recruited", "人", period: PeriodType.Year),
        ];
    }

    public static IReadOnlyList<IndicatorValidationRule> DefaultRules() =>
    [
        new()
        {
            NameZh = "住院人次不应超过出院人次（允许差额50）", NameEn = "Admissions should not exceed discharges (tolerance 50)",
            LeftCode = Admissions, Operator = RuleOperator.LessOrEqual, RightCodes = Discharges, Tolerance = 50m, IsBuiltIn = true,
        },
        new()
        {
            NameZh = "三、四级手术台次不应超过手术台次", NameEn = "Grade 3–4 surgeries should not exceed all surgeries",
            LeftCode = Grade34Surgeries, Operator = RuleOperator.LessOrEqual, RightCodes = Surgeries, IsBuiltIn = true,
        },
        new()
        {
            NameZh = "县域内就诊人次不应超过县域居民就诊总人次", NameEn = "In-county visits should not exceed all visits of county residents",
            LeftCode = CountyVisitsInside, Operator = RuleOperator.LessOrEqual, RightCodes = CountyVisitsAll, IsBuiltIn = true,
        },
    ];

    /// Inserts the built-in definitions and rules that are missing; safe to run at every start.
    public static async Task EnsureAsync(AppDbContextFactory dbf, CancellationToken ct = default)
    {
        await using var db = dbf.CreateDbContext();
        db.Actor = "system";
        var existing = await db.IndicatorDefinitions.Select(i => i.Code).ToListAsync(ct);
        db.IndicatorDefinitions.AddRange(Defaults().Where(d => !existing.Contains(d.Code)));
        // 下转人数 was entered by hand until the referral records existed; the built-in definition now counts them.
        var down = await db.IndicatorDefinitions.FirstOrDefaultAsync(d => d.Code == DownReferrals && d.IsBuiltIn && d.Kind == IndicatorKind.DataElement, ct);
        if (down is not null)
        {
            down.Kind = IndicatorKind.Computed;
            down.ComputedFrom = LedgerCounts.DownReferrals;
        }
        if (!await db.IndicatorValidationRules.AnyAsync(r => r.IsBuiltIn, ct))
            db.IndicatorValidationRules.AddRange(DefaultRules());
        await db.SaveChangesAsync(ct);
    }
}
