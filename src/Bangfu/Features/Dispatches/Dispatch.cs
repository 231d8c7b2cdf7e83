using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Dispatches;

/// 派驻方式: how the expert is at the host. Only remote work may overlap another dispatch of the same person.
public enum DispatchMode
{
    Stationed,
    ShortVisit,
    Tour,
    Remote,
}

/// 派驻角色.
public enum DispatchRole
{
    Expert,
    DepartmentHead,
    VicePresident,
    President,
}

/// Derived from the dates and the cancel flag, never stored: a dispatch becomes active by itself.
public enum DispatchStatus
{
    Planned,
    Active,
    Ended,
    Cancelled,
}

/// 派驻: one expert at one host organization (and department) under one partnership, for a period.
public sealed class Dispatch : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public int ExpertId { get; set; }
    public Person? Expert { get; set; }
    public int HostOrganizationId { get; set; }
    public Organization? HostOrganization { get; set; }
    public int? HostDepartmentId { get; set; }
    public Department? HostDepartment { get; set; }

    /// 第N批.
    public int? Batch { get; set; }
    public DispatchMode Mode { get; set; }
    public DispatchRole Role { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public bool IsCancelled { get; set; }

    /// The end date as first planned, kept when a dispatch is extended or ended early.
    public DateOnly PlannedEndDate { get; set; }
    public string? CancelReason { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public bool OccupiesThePerson => Mode != DispatchMode.Remote && !IsCancelled;

    public static DispatchStatus StatusOf(bool isCancelled, DateOnly start, DateOnly end, DateOnly today) =>
        isCancelled ? DispatchStatus.Cancelled
        : today < start ? DispatchStatus.Planned
        : today > end ? DispatchStatus.Ended
        : DispatchStatus.Active;

    public int Days => EndDate.DayNumber - StartDate.DayNumber + 1;
}

public sealed class DispatchConfiguration : IEntityTypeConfiguration<Dispatch>
{
    public void Configure(EntityTypeBuilder<Dispatch> builder)
    {
        builder.Property(d => d.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.CancelReason).HasMaxLength(500);
        builder.Property(d => d.Note).HasMaxLength(1000);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.DeletedBy).HasMaxLength(64);
        builder.HasOne(d => d.Partnership).WithMany().HasForeignKey(d => d.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Expert).WithMany().HasForeignKey(d => d.ExpertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.HostOrganization).WithMany().HasForeignKey(d => d.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.HostDepartment).WithMany().HasForeignKey(d => d.HostDepartmentId).OnDelete(DeleteBehavior.Restrict);
        // The overlap check asks for one expert's dispatches by date; compliance asks for one partnership's.
        builder.HasIndex(d => new { d.ExpertId, d.StartDate, d.EndDate });
        builder.HasIndex(d => new { d.PartnershipId, d.StartDate });
        builder.HasQueryFilter(d => d.DeletedAt == null);
    }
}
