using Bangfu.Common;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Activities;

/// 帮扶工作量的种类: the columns of every activity ledger (domain §5).
public enum ActivityKind
{
    Surgery,
    SurgicalDemonstration,
    TeachingRound,
    CaseDiscussion,
    Lecture,
    Outpatient,
    Inpatient,
    Consultation,
    FreeClinic,
    Screening,
    Rescue,
    ManagementGuidance,
    RemoteConsultation,
}

/// 计量单位. 台 and 例 are both used for surgeries; the unit stays with the count.
public enum ActivityUnit
{
    Tai,
    Li,
    TaiCi,
    RenCi,
    Ci,
    Chang,
    Ren,
}

/// What each kind is counted in, and whether people attending or served are counted beside it.
public sealed record ActivityKindInfo(ActivityKind Kind, IReadOnlyList<ActivityUnit> Units, bool CountsAttendees, int MaxQuantityPerEntry);

public static class ActivityKinds
{
    public static readonly IReadOnlyDictionary<ActivityKind, ActivityKindInfo> All = new[]
    {
        new ActivityKindInfo(ActivityKind.Surgery, [ActivityUnit.Tai, ActivityUnit.Li], false, 2000),
        new ActivityKindInfo(ActivityKind.SurgicalDemonstration, [ActivityUnit.TaiCi, ActivityUnit.RenCi], false, 500),
        new ActivityKindInfo(ActivityKind.TeachingRound, [ActivityUnit.Ci], true, 500),
        new ActivityKindInfo(ActivityKind.CaseDiscussion, [ActivityUnit.Ci], true, 500),
        new ActivityKindInfo(ActivityKind.Lecture, [ActivityUnit.Chang], true, 200),
        new ActivityKindInfo(ActivityKind.Outpatient, [ActivityUnit.RenCi], false, 50000),
        new ActivityKindInfo(ActivityKind.Inpatient, [ActivityUnit.RenCi], false, 10000),
        new ActivityKindInfo(ActivityKind.Consultation, [ActivityUnit.RenCi], false, 5000),
        new ActivityKindInfo(ActivityKind.FreeClinic, [ActivityUnit.Ci], true, 100),
        new ActivityKindInfo(ActivityKind.Screening, [ActivityUnit.Ren], false, 20000),
        new ActivityKindInfo(ActivityKind.Rescue, [ActivityUnit.RenCi], false, 1000),
        new ActivityKindInfo(ActivityKind.ManagementGuidance, [ActivityUnit.Ci], true, 500),
        new ActivityKindInfo(ActivityKind.RemoteConsultation, [ActivityUnit.Li], false, 5000),
    }.ToDictionary(k => k.Kind);

    /// Attendance of one entry (a lecture of a thousand online attendees is real; a million is a typo).
    public const int MaxAttendees = 100_000;
}

/// One counted piece of work. The table that grows to millions of rows: kept narrow, and every write also moves the
/// monthly rollup in the same transaction so that no report reads these rows one by one.
public sealed class Activity : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public long Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public int HostOrganizationId { get; set; }
    public Organization? HostOrganization { get; set; }
    public int? HostDepartmentId { get; set; }
    public Department? HostDepartment { get; set; }
    public int? DispatchId { get; set; }
    public Dispatch? Dispatch { get; set; }
    public int? ExpertId { get; set; }
    public Person? Expert { get; set; }

    /// The new technique this work used, so that its uses are counted.
    public int? TechniqueId { get; set; }
    public ActivityKind Kind { get; set; }
    public DateOnly Date { get; set; }

    /// A monthly total reported at once (many hospitals report so) rather than one day's work.
    public bool IsMonthlyTotal { get; set; }
    public int Quantity { get; set; }

    /// The sheet said 20余 or 约20: kept as the number and marked, so that a report can say the figure is approximate.
    public bool IsApproximate { get; set; }
    public ActivityUnit Unit { get; set; }
    public int Attendees { get; set; }
    public bool IsOnline { get; set; }

    /// Procedure name for surgeries and demonstrations, topic for lectures.
    public string? Subject { get; set; }
    public string? Note { get; set; }

    /// Made by the browser for one entry and sent again with a resubmission after a lost response, so that the repeat
    /// answers the first row instead of adding a second (unique within the partnership).
    public string? EntryKey { get; set; }

    /// Why the last correction was made; the audit trail keeps it with the values it changed.
    public string? CorrectionReason { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    /// 待核实: a warned entry is saved Pending with the plausibility warnings (message keys and arguments, see
    /// ActivityPlausibility) until a coordinator accepts, corrects or sends it back with a reason.
    public ActivityReviewStatus ReviewStatus { get; set; }
    public string? ReviewWarnings { get; set; }
    public string? ReviewReason { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    public static int MonthOf(DateOnly date) => date.Year * 100 + date.Month;
}

/// partnership × host organization × kind × month → sums. Maintained by ActivityService, read by dashboards and reports.
public sealed class ActivityMonthly : IPartnershipRecord
{
    public int PartnershipId { get; set; }
    public int HostOrganizationId { get; set; }
    public ActivityKind Kind { get; set; }

    /// yyyymm, e.g. 202207.
    public int Month { get; set; }
    public long Quantity { get; set; }
    public long Attendees { get; set; }
    public int Entries { get; set; }
}

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Unit).HasConversion<string>().HasMaxLength(8);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.Note).HasMaxLength(1000);
        builder.Property(a => a.EntryKey).HasMaxLength(ActivityEntryKeys.MaxLength);
        builder.Property(a => a.CorrectionReason).HasMaxLength(500);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.DeletedBy).HasMaxLength(64);
        builder.Property(a => a.ReviewWarnings).HasMaxLength(1000);
        builder.Property(a => a.ReviewReason).HasMaxLength(500);
        builder.Property(a => a.ReviewedBy).HasMaxLength(64);
        builder.HasOne(a => a.Partnership).WithMany().HasForeignKey(a => a.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.HostOrganization).WithMany().HasForeignKey(a => a.HostOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.HostDepartment).WithMany().HasForeignKey(a => a.HostDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Dispatch).WithMany().HasForeignKey(a => a.DispatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Expert).WithMany().HasForeignKey(a => a.ExpertId).OnDelete(DeleteBehavior.Restrict);
        // The ledger pages by partnership and date; the expert's own list by expert and date.
        builder.HasIndex(a => new { a.PartnershipId, a.Date });
        builder.HasIndex(a => new { a.HostOrganizationId, a.Date });
        builder.HasIndex(a => new { a.ExpertId, a.Date });
        builder.HasIndex(a => a.DispatchId);
        builder.HasIndex(a => a.TechniqueId);
        // The review queue and the unreviewed counts read the few rows not yet reviewed, by partnership.
        builder.HasIndex(a => new { a.ReviewStatus, a.PartnershipId });
        // Rows without a key (the grid, imports, linked records) are all distinct: both providers let NULLs repeat.
        builder.HasIndex(a => new { a.PartnershipId, a.EntryKey }).IsUnique();
        builder.HasOne<Techniques.Technique>().WithMany(t => t.Uses).HasForeignKey(a => a.TechniqueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasQueryFilter(a => a.DeletedAt == null);
    }
}

public sealed class ActivityMonthlyConfiguration : IEntityTypeConfiguration<ActivityMonthly>
{
    public void Configure(EntityTypeBuilder<ActivityMonthly> builder)
    {
        builder.ToTable("ActivityMonthly");
        builder.HasKey(m => new { m.PartnershipId, m.HostOrganizationId, m.Kind, m.Month });
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(m => new { m.HostOrganizationId, m.Month });
        builder.HasIndex(m => new { m.Month, m.Kind });
        // The dashboards sum a set of partnerships over a year's months: a covering index answers them from the index
        // alone (a province's year is ~40,000 rollup rows; without it SQLite skip-scanned the host index and looked
        // up every row in the table).
        builder.HasIndex(m => new { m.PartnershipId, m.Month, m.HostOrganizationId, m.Kind, m.Quantity, m.Attendees, m.Entries })
            .HasDatabaseName("IX_ActivityMonthly_Dashboard");
    }
}
