using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Trainees;

public enum TraineeKind
{
    FurtherStudy,
    ShortTraining,
    Residency,
    TransferTraining,
}

public enum TraineeOutcome
{
    InProgress,
    Passed,
    Failed,
    Withdrawn,
}

/// 进修人员: staff of the supported side studying at the host (usually the supporting hospital) under a mentor.
public sealed class Trainee : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }

    /// The trainee is a person of a party organization (the sending side).
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public TraineeKind Kind { get; set; }
    public int HostOrganizationId { get; set; }
    public Organization? HostOrganization { get; set; }
    public int? HostDepartmentId { get; set; }
    public Department? HostDepartment { get; set; }
    public int? MentorId { get; set; }
    public Person? Mentor { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public bool IsHousingProvided { get; set; }
    public int? MonthlySubsidyYuan { get; set; }
    public TraineeOutcome Outcome { get; set; }
    public string? AssessmentNote { get; set; }

    /// 回院后开展: what the trainee teaches or performs at home after returning.
    public string? TeachesAfterReturn { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public sealed class TraineeConfiguration : IEntityTypeConfiguration<Trainee>
{
    public void Configure(EntityTypeBuilder<Trainee> builder)
    {
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.AssessmentNote).HasMaxLength(1000);
        builder.Property(t => t.TeachesAfterReturn).HasMaxLength(2000);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.DeletedBy).HasMaxLength(64);
        builder.HasOne(t => t.Partnership).WithMany().HasForeignKey(t => t.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.HostOrganization).WithMany().HasForeignKey(t => t.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.HostDepartment).WithMany().HasForeignKey(t => t.HostDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Mentor).WithMany().HasForeignKey(t => t.MentorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.PartnershipId, t.StartDate });
        builder.HasQueryFilter(t => t.DeletedAt == null);
    }
}
