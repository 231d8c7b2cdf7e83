using Bangfu.Features.Activities;
using Bangfu.Features.Partnerships;

namespace Bangfu.Features.Reports;

/// The json form of a narrative summary (工作总结): the figures it is made of and the paragraphs made from them.
/// The DOCX and PDF forms are rendered from exactly this, so every number in them traces to these figures.
public sealed record SummaryReport(
    string Title,
    string PeriodText,
    DateOnly From,
    DateOnly To,
    SummaryPartnership Partnership,
    DispatchFigures Dispatches,
    IReadOnlyList<ActivityFigure> Activities,
    IReadOnlyList<TechniqueFigure> Techniques,
    TrainingFigures Training,
    IReadOnlyList<KpiFigure> Kpis,
    IReadOnlyList<GoalFigure> Goals,
    IReadOnlyList<string> NextFocus,
    IReadOnlyList<SummarySection> Sections)
{
    /// Why no KPIs are stated, when the period is not one the indicator values are kept in.
    public string? KpiNote { get; init; }

    /// Activity entries of the period still 待核实 (ADR 0020): their figures are counted but said to be unreviewed.
    public int Unreviewed { get; init; }
}

public sealed record SummaryPartnership(int Id, string Name, PartnershipKind Kind, string KindLabel, DateOnly StartDate, int? Round,
    IReadOnlyList<string> Supporting, IReadOnlyList<string> Supported);

/// 派驻: batches (第N批), distinct persons, person-times (dispatch records), stationed persons, short-visit person-times.
public sealed record DispatchFigures(int Batches, int Persons, int PersonTimes, int StationedPersons, int ShortVisitPersonTimes,
    int StationedDays, IReadOnlyList<string> Specialties);

public sealed record ActivityFigure(ActivityKind Kind, string Label, long Quantity, string Unit, long Attendees, int Entries);

public sealed record TechniqueFigure(string Name, string? Department, int? SurgicalGrade, DateOnly FirstPerformedOn, string GapLevel, bool FillsRegionalGap);

public sealed record TrainingFigures(int Trainees, IReadOnlyList<CountFigure> TraineesByKind, int Courses, int CourseAttendees, int CoursePassed,
    int Meetings, int OpenActionItems, int OverdueActionItems);

public sealed record CountFigure(string Label, int Count);

/// An indicator of the supported hospital for the period, against the period before (or a baseline).
public sealed record KpiFigure(string Code, string Name, string Unit, decimal? Value, decimal? PreviousValue, decimal? Change, decimal? GrowthPercent,
    string? PreviousPeriod)
{
    public string? Organization { get; init; }
}

public sealed record GoalFigure(string Description, DateOnly? Deadline, string Status, string StatusLabel, string Reason);

public sealed record SummarySection(string Heading, IReadOnlyList<string> Paragraphs)
{
    /// Which section this is (Overview, Dispatch, Work, Training, Meetings, Kpis, Goals, Next), whatever the language.
    public string? Key { get; init; }
}
