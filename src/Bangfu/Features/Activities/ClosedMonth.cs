using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Activities;

/// 关账: a month of a partnership's work ledger that has been handed over (to the commission, into a report).
/// While closed, its activities cannot be added, corrected or removed; a system administrator reopens it.
/// A reopened month is a removed row; the audit trail keeps who closed and who reopened it, and when.
public sealed class ClosedMonth
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }

    /// The first day of the month.
    public DateOnly Month { get; set; }
    public DateTimeOffset ClosedAt { get; set; }
    public required string ClosedBy { get; set; }
}

public sealed class ClosedMonthConfiguration : IEntityTypeConfiguration<ClosedMonth>
{
    public void Configure(EntityTypeBuilder<ClosedMonth> builder)
    {
        builder.Property(c => c.ClosedBy).HasMaxLength(64);
        builder.HasOne(c => c.Partnership).WithMany().HasForeignKey(c => c.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PartnershipId, c.Month }).IsUnique();
    }
}
