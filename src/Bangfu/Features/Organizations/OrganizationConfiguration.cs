using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Organizations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(100);
        builder.Property(o => o.ShortName).HasMaxLength(40);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Grade).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.RegionCode).HasMaxLength(6).IsFixedLength();
        builder.Property(o => o.Address).HasMaxLength(200);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.Property(o => o.DeletedBy).HasMaxLength(64);
        builder.HasIndex(o => o.RegionCode);
        builder.Property(o => o.ProposedBy).HasMaxLength(64);
        builder.HasIndex(o => o.Name);
        // A proposed organization is invisible to every query that does not ask for proposals by name.
        builder.HasQueryFilter(o => o.DeletedAt == null && !o.IsProposed);
    }
}

public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(60);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.DeletedBy).HasMaxLength(64);
        builder.HasOne(d => d.Organization).WithMany(o => o.Departments).HasForeignKey(d => d.OrganizationId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.OrganizationId, d.Name }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasQueryFilter(d => d.DeletedAt == null);
    }
}
