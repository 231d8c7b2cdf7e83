using Bangfu.Common;
using Bangfu.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Indicators;

#pragma warning disable CA1720 // "Integer" is the value type's name in DHIS2 and in the API.
public enum IndicatorValueType
{
    Number,
    Integer,
    Percent,
}
#pragma warning restore CA1720

public enum IndicatorDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// How monthly values make a quarter or a year (DHIS2's aggregation type): counts add up, rates average.
public enum IndicatorAggregation
{
    Sum,
    Average,
}

/// Where an indicator's value comes from: entered or imported per period, a ratio of two others, or counted from
/// the work ledger on read.
public enum IndicatorKind
{
    DataElement,
    Formula,
    Computed,
}

public enum ValueSource
{
    Entered,
    Imported,
    Computed,
}

/// The ledger counts the platform knows how to compute; a computed indicator names one of them.
public static class LedgerCounts
{
    /// 中级及以上医师派驻6个月以上人数: distinct experts of title 中级 or above stationed ≥ 183 days at the host.
    public const string StationedMidLevelExperts = "StationedMidLevelExperts";

    /// 下转人数: down-referrals sent by the organization whose patient was received (received or completed), by the month received.
    public const string DownReferrals = "DownReferrals";

    public static readonly IReadOnlyList<string> All = [StationedMidLevelExperts, DownReferrals];
}

/// An indicator definition (DHIS2 data element or indicator). Data, not code: provinces define their own.
public sealed class IndicatorDefinition : IVersioned
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public string? Unit { get; set; }
    public IndicatorValueType ValueType { get; set; }
    public PeriodType PeriodType { get; set; }
    public IndicatorDirection Direction { get; set; }
    public IndicatorAggregation Aggregation { get; set; }
    public IndicatorKind Kind { get; set; }

    /// For a formula: numerator ÷ denominator × factor, both codes of other indicators.
    public string? NumeratorCode { get; set; }
    public string? DenominatorCode { get; set; }
    public decimal? Factor { get; set; }

    /// For a computed indicator: which ledger count (<see cref="LedgerCounts"/>).
    public string? ComputedFrom { get; set; }

    /// A typical target, shown beside the figures; goals carry their own.
    public decimal? Target { get; set; }
    public bool IsBuiltIn { get; set; }
    public int SortOrder { get; set; }
    public int Version { get; set; }
}

/// One figure of one organization for one period. Only data elements are stored; formulas and ledger counts are
/// computed on read.
public sealed class IndicatorValue : IVersioned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int IndicatorId { get; set; }
    public IndicatorDefinition? Indicator { get; set; }
    public PeriodType PeriodType { get; set; }
    public DateOnly PeriodStart { get; set; }
    public decimal Value { get; set; }
    public ValueSource Source { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public int Version { get; set; }
}

public enum RuleOperator
{
    LessOrEqual,
    Less,
    GreaterOrEqual,
    Greater,
    Equal,
    NotEqual,
}

/// A DHIS2 validation rule: left op (sum of right codes + constant), within a tolerance. Breaking one warns, never refuses.
public sealed class IndicatorValidationRule : IVersioned
{
    public int Id { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string LeftCode { get; set; }
    public RuleOperator Operator { get; set; }

    /// Codes added up on the right, separated by '+'; may be empty when only the constant is compared.
    public string RightCodes { get; set; } = "";
    public decimal RightConstant { get; set; }
    public decimal Tolerance { get; set; }
    public bool IsBuiltIn { get; set; }
    public int Version { get; set; }

    public IReadOnlyList<string> RightCodeList => RightCodes.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool Holds(decimal left, RuleOperator op, decimal right, decimal tolerance) => op switch
    {
        RuleOperator.LessOrEqual => left <= right + tolerance,
        RuleOperator.Less => left < right + tolerance,
        RuleOperator.GreaterOrEqual => left >= right - tolerance,
        RuleOperator.Greater => left > right - tolerance,
        RuleOperator.Equal => Math.Abs(left - right) <= tolerance,
        _ => Math.Abs(left - right) > tolerance,
    };

    public static string Symbol(RuleOperator op) => op switch
    {
        RuleOperator.LessOrEqual => "<=",
        RuleOperator.Less => "<",
        RuleOperator.GreaterOrEqual => ">=",
        RuleOperator.Greater => ">",
        RuleOperator.Equal => "==",
        _ => "!=",
    };

    public static RuleOperator? ParseSymbol(string? symbol) => symbol?.Trim() switch
    {
        "<=" or "≤" => RuleOperator.LessOrEqual,
        "<" => RuleOperator.Less,
        ">=" or "≥" => RuleOperator.GreaterOrEqual,
        ">" => RuleOperator.Greater,
        "==" or "=" => RuleOperator.Equal,
        "!=" or "≠" => RuleOperator.NotEqual,
        _ => null,
    };
}

public enum ApprovalState
{
    Open,
    Submitted,
    Approved,
}

/// The approval of one organization's figures for one year or month. Approved locks every value inside.
public sealed class PeriodApproval : IVersioned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public PeriodType PeriodType { get; set; }
    public DateOnly PeriodStart { get; set; }
    public ApprovalState State { get; set; }
    public List<ApprovalStep> Steps { get; set; } = [];
    public int Version { get; set; }

    public Period Period => new(PeriodType, PeriodStart);
}

/// One transition of an approval: who moved it, when, from what to what.
public sealed class ApprovalStep
{
    public int Id { get; set; }
    public int ApprovalId { get; set; }
    public ApprovalState From { get; set; }
    public ApprovalState To { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.Property(i => i.NameZh).HasMaxLength(80);
        builder.Property(i => i.NameEn).HasMaxLength(120);
        builder.Property(i => i.Unit).HasMaxLength(20);
        builder.Property(i => i.ValueType).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.PeriodType).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Aggregation).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.NumeratorCode).HasMaxLength(40);
        builder.Property(i => i.DenominatorCode).HasMaxLength(40);
        builder.Property(i => i.ComputedFrom).HasMaxLength(40);
        builder.Property(i => i.Factor).HasPrecision(18, 6);
        builder.Property(i => i.Target).HasPrecision(18, 4);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => i.Code).IsUnique();
    }
}

public sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.Property(v => v.PeriodType).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Value).HasPrecision(18, 4);
        builder.Property(v => v.UpdatedBy).HasMaxLength(64);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasOne(v => v.Organization).WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(v => v.Indicator).WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        // One figure per organization, indicator and period; the index also serves range reads of one organization.
        builder.HasIndex(v => new { v.OrganizationId, v.IndicatorId, v.PeriodType, v.PeriodStart }).IsUnique();
    }
}

public sealed class IndicatorValidationRuleConfiguration : IEntityTypeConfiguration<IndicatorValidationRule>
{
    public void Configure(EntityTypeBuilder<IndicatorValidationRule> builder)
    {
        builder.Property(r => r.NameZh).HasMaxLength(120);
        builder.Property(r => r.NameEn).HasMaxLength(160);
        builder.Property(r => r.LeftCode).HasMaxLength(40);
        builder.Property(r => r.Operator).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.RightCodes).HasMaxLength(400);
        builder.Property(r => r.RightConstant).HasPrecision(18, 4);
        builder.Property(r => r.Tolerance).HasPrecision(18, 4);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.RightCodeList);
    }
}

public sealed class PeriodApprovalConfiguration : IEntityTypeConfiguration<PeriodApproval>
{
    public void Configure(EntityTypeBuilder<PeriodApproval> builder)
    {
        builder.Property(a => a.PeriodType).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Period);
        builder.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Steps).WithOne().HasForeignKey(s => s.ApprovalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.OrganizationId, a.PeriodType, a.PeriodStart }).IsUnique();
    }
}

public sealed class ApprovalStepConfiguration : IEntityTypeConfiguration<ApprovalStep>
{
    public void Configure(EntityTypeBuilder<ApprovalStep> builder)
    {
        builder.Property(s => s.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.By).HasMaxLength(64);
    }
}
