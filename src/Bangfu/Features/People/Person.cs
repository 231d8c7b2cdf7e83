using Bangfu.Common;
using Bangfu.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.People;

/// 职称级别: the level of a professional title, which dispatch and mentor rules test.
public enum TitleLevel
{
    Senior,
    AssociateSenior,
    Intermediate,
    Junior,
    None,
}

public sealed class Person : IVersioned, ISoftDeletable
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Name { get; set; }

    /// The title as written, e.g. 主任医师, 副主任护师.
    public string? Title { get; set; }
    public TitleLevel TitleLevel { get; set; } = TitleLevel.None;
    public string? Specialty { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    /// 执业证书编码: recorded for physicians who may act as remote consultants.
    public string? LicenceNumber { get; set; }

    /// The start of independent practice (独立执业), from which a consultant's years are counted.
    public DateOnly? IndependentPracticeSince { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
}

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(40);
        builder.Property(p => p.Title).HasMaxLength(40);
        builder.Property(p => p.TitleLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Specialty).HasMaxLength(60);
        builder.Property(p => p.Phone).HasMaxLength(30);
        builder.Property(p => p.Email).HasMaxLength(100);
        builder.Property(p => p.LicenceNumber).HasMaxLength(30);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.DeletedBy).HasMaxLength(64);
        builder.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Department).WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.OrganizationId, p.Name });
        builder.HasQueryFilter(p => p.DeletedAt == null);
    }
}
