using Bangfu.Common;
using Bangfu.Features.Indicators;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Plans;

public enum GoalKind
{
    Indicator,
    Milestone,
}

public enum GoalStatus
{
    Achieved,
    OnTrack,
    AtRisk,
    Late,
}

public enum PlanTaskStatus
{
    Open,
    InProgress,
    Done,
}

/// 一院一策: what a partnership sets out to achieve at one supported organization over a period.
public sealed class Plan : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Title { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    /// 重点专科: department names, as the plan states them.
    public List<string> FocusSpecialties { get; set; } = [];
    public List<PlanGoal> Goals { get; set; } = [];
    public List<PlanTask> Tasks { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

/// A goal tied to an indicator (target, comparator, deadline) or a milestone (description, deadline, achieved on).
public sealed class PlanGoal : IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public GoalKind Kind { get; set; }
    public required string Description { get; set; }
    public string? IndicatorCode { get; set; }
    public RuleOperator? Comparator { get; set; }
    public decimal? TargetValue { get; set; }
    public DateOnly Deadline { get; set; }
    public DateOnly? AchievedOn { get; set; }
    public int Version { get; set; }
}

public sealed class PlanTask : IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public required string Title { get; set; }
    public int? ResponsibleDepartmentId { get; set; }
    public Department? ResponsibleDepartment { get; set; }
    public int? ResponsiblePersonId { get; set; }
    public Person? ResponsiblePerson { get; set; }
    public DateOnly? DueDate { get; set; }
    public PlanTaskStatus Status { get; set; }
    public int Version { get; set; }
}

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(120);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.DeletedBy).HasMaxLength(64);
        builder.HasOne(p => p.Partnership).WithMany().HasForeignKey(p => p.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Tasks).WithOne().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.PartnershipId, p.OrganizationId });
        builder.HasQueryFilter(p => p.DeletedAt == null);
    }
}

public sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> builder)
    {
        builder.Property(g => g.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(g => g.Description).HasMaxLength(500);
        builder.Property(g => g.IndicatorCode).HasMaxLength(40);
        builder.Property(g => g.Comparator).HasConversion<string>().HasMaxLength(16);
        builder.Property(g => g.TargetValue).HasPrecision(18, 4);
        builder.Property(g => g.Version).IsConcurrencyToken();
    }
}

public sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne(t => t.ResponsibleDepartment).WithMany().HasForeignKey(t => t.ResponsibleDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.ResponsiblePerson).WithMany().HasForeignKey(t => t.ResponsiblePersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
