using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Techniques;

/// Which gap a new technique fills: 院内首例 … 省内首例.
public enum GapLevel
{
    Hospital,
    County,
    City,
    Province,
}

/// 新技术新项目: introduced at the host, counted by the activities linked to it.
public sealed class Technique : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public int HostOrganizationId { get; set; }
    public Organization? HostOrganization { get; set; }
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Name { get; set; }

    /// 手术分级 一至四级; null for a technique that is not an operation.
    public int? SurgicalGrade { get; set; }
    public DateOnly FirstPerformedOn { get; set; }
    public int? IntroducedById { get; set; }
    public Person? IntroducedBy { get; set; }
    public GapLevel GapLevel { get; set; }
    public string? Description { get; set; }

    /// The activities that used this technique (the navigation lets one save link new rows).
    public List<Activities.Activity> Uses { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public sealed class TechniqueConfiguration : IEntityTypeConfiguration<Technique>
{
    public void Configure(EntityTypeBuilder<Technique> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(120);
        builder.Property(t => t.GapLevel).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.DeletedBy).HasMaxLength(64);
        builder.HasOne(t => t.Partnership).WithMany().HasForeignKey(t => t.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.HostOrganization).WithMany().HasForeignKey(t => t.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Department).WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.IntroducedBy).WithMany().HasForeignKey(t => t.IntroducedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.PartnershipId, t.FirstPerformedOn });
        builder.HasQueryFilter(t => t.DeletedAt == null);
    }
}
