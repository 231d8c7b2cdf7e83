using Bangfu.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Partnerships;

public sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> builder)
    {
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.Programme).HasMaxLength(60);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.DeletedBy).HasMaxLength(64);
        builder.HasMany(p => p.Parties).WithOne(x => x.Partnership).HasForeignKey(x => x.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Agreements).WithOne(x => x.Partnership).HasForeignKey(x => x.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.Kind, p.Status });
        builder.HasQueryFilter(PartnershipFilters.SoftDelete, p => p.DeletedAt == null);
        // Every query that does not ask for proposals sees only partnerships in force: an access path written
        // without proposals in mind grants nothing through one.
        builder.HasQueryFilter(PartnershipFilters.InForce, p => p.Proposal == ProposalState.InForce);
    }
}

public sealed class PartnershipPartyConfiguration : IEntityTypeConfiguration<PartnershipParty>
{
    public void Configure(EntityTypeBuilder<PartnershipParty> builder)
    {
        builder.ToTable("PartnershipParties");
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.DecidedBy).HasMaxLength(64);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.DeletedBy).HasMaxLength(64);
        builder.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.DockingDepartment).WithMany().HasForeignKey(p => p.DockingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.ResponsiblePerson).WithMany().HasForeignKey(p => p.ResponsiblePersonId).OnDelete(DeleteBehavior.Restrict);
        // Scope checks ask "which partnerships is organization X in?" on every request.
        builder.HasIndex(p => new { p.OrganizationId, p.PartnershipId });
        builder.HasQueryFilter(PartnershipFilters.SoftDelete, p => p.DeletedAt == null);
        // Only confirmed parties of a partnership in force count, wherever parties are joined for access.
        builder.HasQueryFilter(PartnershipFilters.InForce, p => p.Consent == PartyConsent.Confirmed && p.Partnership!.Proposal == ProposalState.InForce);
    }
}

public sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Signatories).HasMaxLength(500);
        builder.Property(a => a.Terms).HasMaxLength(20000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.DeletedBy).HasMaxLength(64);
        builder.HasIndex(a => new { a.PartnershipId, a.Round }).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        builder.HasQueryFilter(a => a.DeletedAt == null);
    }
}
