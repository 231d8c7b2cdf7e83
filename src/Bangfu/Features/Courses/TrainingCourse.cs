using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Courses;

/// 培训班, one row per cohort (第N期): e.g. the alliance's 院长职业化培训班 or 新生儿窒息复苏培训班 (seed 001).
public sealed class TrainingCourse : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public int OrganizerId { get; set; }
    public Organization? Organizer { get; set; }
    public required string Name { get; set; }
    public int Cohort { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public bool IsOnline { get; set; }
    public int Attendees { get; set; }

    /// 考核合格: null until the exam is held.
    public int? Passed { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> builder)
    {
        builder.ToTable("TrainingCourses");
        builder.Property(c => c.Name).HasMaxLength(120);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.DeletedBy).HasMaxLength(64);
        builder.HasOne(c => c.Partnership).WithMany().HasForeignKey(c => c.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Organizer).WithMany().HasForeignKey(c => c.OrganizerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PartnershipId, c.Name, c.Cohort }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasQueryFilter(c => c.DeletedAt == null);
    }
}
