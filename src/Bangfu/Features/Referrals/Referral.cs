using System.Text.Json.Serialization;
using Bangfu.Common;
using Bangfu.Features.Files;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Patients;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Referrals;

/// 上转 to a higher-level hospital, 下转 back to a lower-level one.
[JsonConverter(typeof(JsonStringEnumConverter<ReferralDirection>))]
public enum ReferralDirection
{
    Up,
    Down,
}

/// 急 or 普通. Urgent sorts first in the receiving queue.
[JsonConverter(typeof(JsonStringEnumConverter<ReferralPriority>))]
public enum ReferralPriority
{
    Urgent,
    Routine,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReferralStatus>))]
public enum ReferralStatus
{
    Draft,
    Submitted,
    Accepted,
    Rejected,
    InTransit,
    Received,
    Completed,
    Cancelled,
}

/// 转诊单: one patient sent from one organization to another, with its whole path recorded in <see cref="Transitions"/>.
public sealed class Referral : IVersioned
{
    public int Id { get; set; }
    public ReferralDirection Direction { get; set; }
    public ReferralStatus Status { get; set; }
    public ReferralPriority Priority { get; set; }
    public int FromOrganizationId { get; set; }
    public Organization? FromOrganization { get; set; }
    public int? FromDepartmentId { get; set; }
    public Department? FromDepartment { get; set; }
    public int ToOrganizationId { get; set; }
    public Organization? ToOrganization { get; set; }
    public int? ToDepartmentId { get; set; }
    public Department? ToDepartment { get; set; }
    public int? PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public PatientRecord Patient { get; set; } = new();

    /// 初步诊断: a known ICD-10 code and the physician's wording.
    public required string DiagnosisCode { get; set; }
    public required string DiagnosisText { get; set; }

    /// 病史及诊治经过.
    public required string History { get; set; }

    /// 转诊原因.
    public required string Reason { get; set; }
    public int SigningPhysicianId { get; set; }
    public Person? SigningPhysician { get; set; }

    /// 陪同人员: who accompanies the patient (a relative, a nurse…), as written.
    public string? Escort { get; set; }

    /// 下转单 only: 治疗经过, 下一步治疗方案, 康复方案.
    public string? TreatmentGiven { get; set; }
    public string? NextTreatmentPlan { get; set; }
    public string? RehabilitationPlan { get; set; }

    /// A back-referral (回转) points to the referral it returns.
    public int? OriginalReferralId { get; set; }
    public Referral? OriginalReferral { get; set; }
    public string? RejectionReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// Local dates of submission and reception, so that monthly counts group in SQL on both providers.
    public DateOnly? SubmittedOn { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public DateOnly? ReceivedOn { get; set; }

    /// Minutes from submission to reception, kept as a number so that statistics pick percentiles in SQL.
    public int? TransferMinutes { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<ReferralTransition> Transitions { get; set; } = [];
    public List<ReferralAttachment> Attachments { get; set; } = [];
    public int Version { get; set; }
}

/// One status change: who, when, from → to, and why.
public sealed class ReferralTransition
{
    public long Id { get; set; }
    public int ReferralId { get; set; }
    public ReferralStatus? FromStatus { get; set; }
    public ReferralStatus ToStatus { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public string? Reason { get; set; }
}

/// A file of the patient's material sent with a referral (images, ECG, pathology…); readable by whoever reads the
/// referral, added and removed by the sending side while the referral is a draft.
public sealed class ReferralAttachment : FileAttachment
{
    public int ReferralId { get; set; }
}

public sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.Property(r => r.Direction).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Priority).HasConversion<string>().HasMaxLength(8);
        builder.OwnsOne(r => r.Patient, PatientRecord.Configure);
        builder.Navigation(r => r.Patient).IsRequired();
        builder.Property(r => r.DiagnosisCode).HasMaxLength(16);
        builder.Property(r => r.DiagnosisText).HasMaxLength(200);
        builder.Property(r => r.History).HasMaxLength(4000);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.Escort).HasMaxLength(200);
        builder.Property(r => r.TreatmentGiven).HasMaxLength(4000);
        builder.Property(r => r.NextTreatmentPlan).HasMaxLength(2000);
        builder.Property(r => r.RehabilitationPlan).HasMaxLength(2000);
        builder.Property(r => r.RejectionReason).HasMaxLength(500);
        builder.Property(r => r.CreatedBy).HasMaxLength(64);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne(r => r.FromOrganization).WithMany().HasForeignKey(r => r.FromOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ToOrganization).WithMany().HasForeignKey(r => r.ToOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.FromDepartment).WithMany().HasForeignKey(r => r.FromDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.ToDepartment).WithMany().HasForeignKey(r => r.ToDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Partnership).WithMany().HasForeignKey(r => r.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.SigningPhysician).WithMany().HasForeignKey(r => r.SigningPhysicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.OriginalReferral).WithMany().HasForeignKey(r => r.OriginalReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ToOrganizationId, r.Status });
        builder.HasIndex(r => new { r.FromOrganizationId, r.Direction, r.ReceivedOn });
    }
}

public sealed class ReferralTransitionConfiguration : IEntityTypeConfiguration<ReferralTransition>
{
    public void Configure(EntityTypeBuilder<ReferralTransition> builder)
    {
        builder.Property(t => t.FromStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ToStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.By).HasMaxLength(64);
        builder.Property(t => t.Reason).HasMaxLength(500);
        builder.HasIndex(t => t.ReferralId);
    }
}

public sealed class ReferralAttachmentConfiguration : IEntityTypeConfiguration<ReferralAttachment>
{
    public void Configure(EntityTypeBuilder<ReferralAttachment> builder) => FileAttachments.Configure(builder);
}
