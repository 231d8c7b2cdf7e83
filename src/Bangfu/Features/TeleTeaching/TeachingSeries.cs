using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.TeleTeaching;

/// 远程教学系列 (in the manner of Project ECHO): a hub hospital teaches spoke hospitals of one partnership on a recurring
/// rule. The rule is an RFC 5545 RRULE, weekly or monthly, read by the same code as the expert days.
public sealed class TeachingSeries : IVersioned, ISoftDeletable, IPartnershipRecord
{
    public const int DefaultPresentSharePercent = 50;
    public const int DefaultCertificatePercent = 80;
    public const int MaxYearsAhead = 3;

    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public required string Title { get; set; }
    public string? Specialty { get; set; }
    public int HubOrganizationId { get; set; }
    public Organization? HubOrganization { get; set; }
    public List<TeachingSeriesSpoke> Spokes { get; set; } = [];

    /// RFC 5545 RRULE without the "RRULE:" prefix: FREQ=WEEKLY;BYDAY=TU, FREQ=MONTHLY;BYMONTHDAY=15 or FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3.
    public required string RecurrenceRule { get; set; }
    public TimeOnly StartTime { get; set; }
    public int DurationMinutes { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }

    /// A person attended a session when their minutes are at least this share of the session's duration.
    public int PresentSharePercent { get; set; } = DefaultPresentSharePercent;

    /// A certificate is earned when the person attended at least this share of the held sessions.
    public int CertificatePercent { get; set; } = DefaultCertificatePercent;
    public int Version { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    /// Minutes at or above which a person counts as present (rounded up: 50% of 45 minutes is 23 minutes).
    public static int PresentMinutes(int durationMinutes, int sharePercent) => (durationMinutes * sharePercent + 99) / 100;
}

public sealed class TeachingSeriesSpoke
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
}

public enum TeachingSessionStatus
{
    Scheduled,
    Held,
    Cancelled,
}

/// One occurrence of a series, stored as a row so that it carries its own topic, lecturer, cases and attendance.
public sealed class TeachingSession : IVersioned
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public TeachingSeries? Series { get; set; }
    public DateOnly Date { get; set; }
    public string? Topic { get; set; }
    public int? LecturerId { get; set; }
    public Person? Lecturer { get; set; }

    /// Cases presented, de-identified (no names, no identity numbers).
    public string? Cases { get; set; }
    public TeachingSessionStatus Status { get; set; }

    /// The lecture this session counts as in the work ledger while it is held.
    public long? ActivityId { get; set; }
    public Activity? Activity { get; set; }
    public int Version { get; set; }
}

/// Minutes one person attended one session, entered in the grid or imported from the video tool's export.
public sealed class TeachingAttendance
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public TeachingSession? Session { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public int Minutes { get; set; }
    public bool IsImported { get; set; }
}

/// A change to attendance already recorded: who, when, old → new, and why.
public sealed class AttendanceCorrection
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public int? OldMinutes { get; set; }
    public int? NewMinutes { get; set; }
    public required string Reason { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class TeachingSeriesConfiguration : IEntityTypeConfiguration<TeachingSeries>
{
    public void Configure(EntityTypeBuilder<TeachingSeries> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(100);
        builder.Property(s => s.Specialty).HasMaxLength(60);
        builder.Property(s => s.RecurrenceRule).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.DeletedBy).HasMaxLength(64);
        builder.HasOne(s => s.Partnership).WithMany().HasForeignKey(s => s.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.HubOrganization).WithMany().HasForeignKey(s => s.HubOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Spokes).WithOne().HasForeignKey(x => x.SeriesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.PartnershipId);
        builder.HasQueryFilter(s => s.DeletedAt == null);
    }
}

public sealed class TeachingSeriesSpokeConfiguration : IEntityTypeConfiguration<TeachingSeriesSpoke>
{
    public void Configure(EntityTypeBuilder<TeachingSeriesSpoke> builder)
    {
        builder.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.SeriesId, x.OrganizationId }).IsUnique();
    }
}

public sealed class TeachingSessionConfiguration : IEntityTypeConfiguration<TeachingSession>
{
    public void Configure(EntityTypeBuilder<TeachingSession> builder)
    {
        builder.Property(s => s.Topic).HasMaxLength(200);
        builder.Property(s => s.Cases).HasMaxLength(4000);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne(s => s.Series).WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Lecturer).WithMany().HasForeignKey(s => s.LecturerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Activity).WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.SeriesId, s.Date }).IsUnique();
        builder.HasQueryFilter(s => s.Series!.DeletedAt == null);
    }
}

public sealed class TeachingAttendanceConfiguration : IEntityTypeConfiguration<TeachingAttendance>
{
    public void Configure(EntityTypeBuilder<TeachingAttendance> builder)
    {
        builder.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SessionId, a.PersonId }).IsUnique();
        builder.HasIndex(a => a.PersonId);
        builder.HasQueryFilter(a => a.Session!.Series!.DeletedAt == null);
    }
}

public sealed class AttendanceCorrectionConfiguration : IEntityTypeConfiguration<AttendanceCorrection>
{
    public void Configure(EntityTypeBuilder<AttendanceCorrection> builder)
    {
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.Property(c => c.UserName).HasMaxLength(64);
        builder.HasOne<TeachingSession>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.SessionId, c.Id });
    }
}
