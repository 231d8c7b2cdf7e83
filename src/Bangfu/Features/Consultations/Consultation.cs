using System.Text.Json.Serialization;
using Bangfu.Common;
using Bangfu.Features.Files;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Patients;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Consultations;

/// 会诊类型: 多学科 (MDT), 影像/PACS, 心电, 病理, 普通专科.
[JsonConverter(typeof(JsonStringEnumConverter<ConsultationType>))]
public enum ConsultationType
{
    Mdt,
    Imaging,
    Ecg,
    Pathology,
    Specialist,
}

[JsonConverter(typeof(JsonStringEnumConverter<ConsultationUrgency>))]
public enum ConsultationUrgency
{
    Urgent,
    Routine,
}

/// Live video, or store-and-forward (the material is read and answered without a call).
[JsonConverter(typeof(JsonStringEnumConverter<ConsultationMode>))]
public enum ConsultationMode
{
    Video,
    StoreAndForward,
}

/// Who gave the informed consent (知情同意).
[JsonConverter(typeof(JsonStringEnumConverter<ConsentGiver>))]
public enum ConsentGiver
{
    Patient,
    Relative,
}

[JsonConverter(typeof(JsonStringEnumConverter<ConsultationState>))]
public enum ConsultationState
{
    Draft,
    Submitted,
    Returned,
    Declined,
    Accepted,
    Scheduled,
    InSession,
    SessionEnded,
    OpinionSigned,
    Filed,
    Cancelled,
}

/// 远程会诊: requested by the inviting organization (邀请方), answered by the invited one (受邀方). Only the two
/// organizations ever read it; the patient's identity number is kept encrypted inside <see cref="Patient"/>.
public sealed class Consultation : IVersioned
{
    public int Id { get; set; }
    public ConsultationType Type { get; set; }
    public ConsultationState State { get; set; }
    public int InvitingOrganizationId { get; set; }
    public Organization? InvitingOrganization { get; set; }
    public int InvitedOrganizationId { get; set; }
    public Organization? InvitedOrganization { get; set; }
    public int? InvitedDepartmentId { get; set; }
    public Department? InvitedDepartment { get; set; }
    public string? InvitedSpecialty { get; set; }

    /// The partnership the consultation is part of; its signed opinion then counts in that partnership's work ledger.
    public int? PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }

    /// 申请医生 of the inviting organization.
    public int? RequestingPhysicianId { get; set; }
    public Person? RequestingPhysician { get; set; }
    public int? PreferredExpertId { get; set; }
    public Person? PreferredExpert { get; set; }
    public TitleLevel? PreferredTitleLevel { get; set; }
    public ConsultationUrgency Urgency { get; set; }
    public DateTimeOffset? RequestedFrom { get; set; }
    public DateTimeOffset? RequestedTo { get; set; }
    public ConsultationMode Mode { get; set; }
    public required string Purpose { get; set; }
    public required string CaseSummary { get; set; }
    public PatientRecord Patient { get; set; } = new();

    public ConsentGiver ConsentBy { get; set; }
    public required string ConsentName { get; set; }

    /// The relation of a relative who consented, e.g. 父亲.
    public string? ConsentRelation { get; set; }
    public DateTimeOffset ConsentAt { get; set; }
    public bool ConsentContentExplained { get; set; }
    public bool ConsentFeeExplained { get; set; }

    /// The fee in fen (分), so that sums stay exact on both databases.
    public long? FeeFen { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// The first submission: waiting time counts from here, through any return for more material.
    public DateTimeOffset? FirstSubmittedAt { get; set; }

    /// Local date of the first submission; statistics select by it.
    public DateOnly? SubmittedOn { get; set; }

    public DateTimeOffset? ScheduledStart { get; set; }
    public DateTimeOffset? ScheduledEnd { get; set; }
    public int? ConsultantId { get; set; }
    public Person? Consultant { get; set; }
    public DateTimeOffset? SessionStartedAt { get; set; }
    public DateTimeOffset? SessionEndedAt { get; set; }

    /// Minutes from the first submission to the session's start, and from its end to the signed opinion:
    /// kept as numbers so that statistics sort and pick percentiles in SQL.
    public int? WaitingMinutes { get; set; }
    public int? TurnaroundMinutes { get; set; }

    /// 会诊意见.
    public string? Opinion { get; set; }

    /// The opinion as the consultant has written it so far (saved during or after the session); cleared on signing.
    public string? OpinionDraft { get; set; }
    public string? SignedByName { get; set; }
    public string? SignedByUser { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public DateTimeOffset? FiledAt { get; set; }
    public string? FiledBy { get; set; }
    public int? Rating { get; set; }
    public string? RatingComment { get; set; }

    /// The work-ledger row written when the opinion was signed (partnership consultations only).
    public long? ActivityId { get; set; }

    public List<ConsultationEvent> Events { get; set; } = [];
    public List<ConsultationAttachment> Attachments { get; set; } = [];
    public int Version { get; set; }
}

/// One change of state: who, when, from → to, and why.
public sealed class ConsultationEvent
{
    public long Id { get; set; }
    public int ConsultationId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    public ConsultationAction Action { get; set; }
    public ConsultationState From { get; set; }
    public ConsultationState To { get; set; }
    public string? Reason { get; set; }
}

/// A file of case material attached to a consultation; readable by whoever reads the consultation.
public sealed class ConsultationAttachment : FileAttachment
{
    public int ConsultationId { get; set; }
}

public sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ConsentBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PreferredTitleLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.InvitedSpecialty).HasMaxLength(60);
        builder.Property(c => c.Purpose).HasMaxLength(1000);
        builder.Property(c => c.CaseSummary).HasMaxLength(8000);
        builder.Property(c => c.OpinionDraft).HasMaxLength(8000);
        builder.Property(c => c.ConsentName).HasMaxLength(50);
        builder.Property(c => c.ConsentRelation).HasMaxLength(20);
        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.Opinion).HasMaxLength(8000);
        builder.Property(c => c.SignedByName).HasMaxLength(40);
        builder.Property(c => c.SignedByUser).HasMaxLength(64);
        builder.Property(c => c.FiledBy).HasMaxLength(64);
        builder.Property(c => c.RatingComment).HasMaxLength(500);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.OwnsOne(c => c.Patient, PatientRecord.Configure);
        builder.HasOne(c => c.InvitingOrganization).WithMany().HasForeignKey(c => c.InvitingOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.InvitedOrganization).WithMany().HasForeignKey(c => c.InvitedOrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.InvitedDepartment).WithMany().HasForeignKey(c => c.InvitedDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Partnership).WithMany().HasForeignKey(c => c.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.RequestingPhysician).WithMany().HasForeignKey(c => c.RequestingPhysicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.PreferredExpert).WithMany().HasForeignKey(c => c.PreferredExpertId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Consultant).WithMany().HasForeignKey(c => c.ConsultantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Activities.Activity>().WithMany().HasForeignKey(c => c.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        // Each side lists its own requests; statistics select by submission date.
        builder.HasIndex(c => new { c.InvitingOrganizationId, c.State });
        builder.HasIndex(c => new { c.InvitedOrganizationId, c.State });
        builder.HasIndex(c => c.SubmittedOn);
        builder.HasIndex(c => c.PartnershipId);
    }
}

public sealed class ConsultationEventConfiguration : IEntityTypeConfiguration<ConsultationEvent>
{
    public void Configure(EntityTypeBuilder<ConsultationEvent> builder)
    {
        builder.Property(e => e.UserName).HasMaxLength(64);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(500);
    }
}

public sealed class ConsultationAttachmentConfiguration : IEntityTypeConfiguration<ConsultationAttachment>
{
    public void Configure(EntityTypeBuilder<ConsultationAttachment> builder) => FileAttachments.Configure(builder);
}
