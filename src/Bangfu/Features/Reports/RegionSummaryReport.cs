using Bangfu.Features.Activities;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Plans;

namespace Bangfu.Features.Reports;

/// The json form of a region's 工作总结 (a commission's view): the figures of the partnerships with a party in the
/// region, summed by the database, and the paragraphs made from them. The DOCX and PDF are rendered from exactly this.
public sealed record RegionSummaryReport(
    string Title,
    string PeriodText,
    DateOnly From,
    DateOnly To,
    string RegionCode,
    string RegionName,
    int PartnershipCount,
    IReadOnlyList<PartnershipKindCount> PartnershipsByKind,
    int SupportingHospitalCount,
    int SupportedHospitalCount,
    DispatchFigures Dispatches,
    IReadOnlyList<ActivityFigure> Activities,
    int TechniqueCount,
    int TechniquesFillingGaps,
    IReadOnlyList<string> TopTechniques,
    TrainingFigures Training,
    IReadOnlyList<ActivityKind> KeyKinds,
    IReadOnlyList<RegionPartnershipRow> Partnerships,
    IReadOnlyList<KpiFigure> Kpis,
    IReadOnlyList<GoalStatusFigure> Goals,
    IReadOnlyList<SummarySection> Sections)
{
    /// Why no KPIs are stated, when the period is not one the indicator values are kept in.
    public string? KpiNote { get; init; }
}

public sealed record PartnershipKindCount(PartnershipKind Kind, string Label, int Count);

/// One partnership of the region: experts sent in the period and the quantities of its activity kinds (from the rollup).
public sealed record RegionPartnershipRow(int Id, string Name, PartnershipKind Kind, string KindLabel, int Persons, int PersonTimes,
    IReadOnlyDictionary<ActivityKind, long> Activities);

public sealed record GoalStatusFigure(GoalStatus Status, string Label, int Count);
