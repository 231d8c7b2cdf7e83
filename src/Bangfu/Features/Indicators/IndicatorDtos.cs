namespace Bangfu.Features.Indicators;

public sealed record IndicatorDefinitionDto(int Id, string Code, string NameZh, string NameEn, string? Unit, IndicatorValueType ValueType,
    PeriodType PeriodType, IndicatorDirection Direction, IndicatorAggregation Aggregation, IndicatorKind Kind, string? NumeratorCode,
    string? DenominatorCode, decimal? Factor, string? ComputedFrom, decimal? Target, bool IsBuiltIn, int SortOrder, int Version);

public sealed record SaveIndicatorDefinitionRequest(string? Code, string? NameZh, string? NameEn, string? Unit, IndicatorValueType? ValueType,
    PeriodType? PeriodType, IndicatorDirection? Direction, IndicatorAggregation? Aggregation = null, string? NumeratorCode = null,
    string? DenominatorCode = null, decimal? Factor = null, decimal? Target = null, int? SortOrder = null, int? Version = null);

/// One figure in a return: the indicator's code, the period as "2018", "2018Q1" or "2018-03", the value.
public sealed record ValueEntry(string? Code, string? Period, decimal? Value);

/// A hospital's return: many figures at once, all saved or none.
public sealed record SaveValuesRequest(int? OrganizationId, IReadOnlyList<ValueEntry>? Values);

/// A figure as read: stored (Entered/Imported) or derived (Computed: a formula, a ledger count, or months added up).
/// Month rows of additive indicators carry the quarter-to-date and year-to-date sums.
public sealed record IndicatorValueDto(string Code, string Period, decimal? Value, ValueSource? Source, decimal? QuarterToDate = null, decimal? YearToDate = null);

public sealed record RuleWarning(int RuleId, int OrganizationId, string Period, string LeftCode, string Operator, decimal Left, decimal Right,
    decimal Tolerance, string Message);

public sealed record SaveValuesResult(int Saved, IReadOnlyList<RuleWarning> Warnings, IReadOnlyList<IndicatorValueDto> Values);

/// One indicator of a period beside its baseline: the change and growth are computed here, never stored.
public sealed record IndicatorComparison(string Code, string NameZh, string NameEn, string? Unit, IndicatorKind Kind, IndicatorDirection Direction,
    decimal? Value, decimal? BaselineValue, decimal? Change, decimal? GrowthPercent);

public sealed record ComparisonDto(int OrganizationId, string Period, string Baseline, IReadOnlyList<IndicatorComparison> Indicators);

public sealed record ValidationRuleDto(int Id, string NameZh, string NameEn, string LeftCode, string Operator, string RightCodes, decimal RightConstant,
    decimal Tolerance, bool IsBuiltIn, int Version);

public sealed record SaveValidationRuleRequest(string? NameZh, string? NameEn, string? LeftCode, string? Operator, string? RightCodes,
    decimal? RightConstant = null, decimal? Tolerance = null, int? Version = null);

public enum ApprovalAction
{
    Submit,
    Approve,
    Return,
    Reopen,
}

public sealed record ApprovalStepDto(ApprovalState From, ApprovalState To, string By, DateTimeOffset At);

public sealed record ApprovalDto(int OrganizationId, string Period, ApprovalState State, IReadOnlyList<ApprovalStepDto> Steps,
    IReadOnlyList<ApprovalAction> AllowedActions, bool IsLocked, bool CanWrite);

public sealed record ApprovalRequest(int? OrganizationId, string? Period, ApprovalAction? Action);

public sealed record ImportResult(int Rows, IReadOnlyList<RuleWarning> Warnings);
