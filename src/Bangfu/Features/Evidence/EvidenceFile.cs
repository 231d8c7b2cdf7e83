using System.Text.Json.Serialization;
using Bangfu.Common;
using Bangfu.Features.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Evidence;

/// The records that carry 佐证材料, each kept in its own ledger (the ZIP has a folder per kind).
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceRecordKind>))]
public enum EvidenceRecordKind
{
    Dispatch,
    Activity,
    Meeting,
    Agreement,
    Technique,
    Trainee,
}

/// What an inspection asks to see: 照片, 签到表, 会议纪要, 协议扫描件, 其他.
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceCategory>))]
public enum EvidenceCategory
{
    Photo,
    SignInSheet,
    Minutes,
    AgreementScan,
    Other,
}

/// A kept file attached as evidence to one record of a partnership. One table for the six record kinds, the record
/// named by kind and id (an activity's id is a long): the evidence pages and the ZIP read a partnership's evidence
/// across kinds, which six link tables would make six unions. The partnership is copied from the record when the file
/// is attached (records never move between partnerships), so scope and the per-partnership lists need no join.
public sealed class EvidenceFile : IPartnershipRecord
{
    public int Id { get; set; }
    public int PartnershipId { get; set; }
    public EvidenceRecordKind RecordKind { get; set; }
    public long RecordId { get; set; }
    public long StoredFileId { get; set; }
    public StoredFile? StoredFile { get; set; }
    public EvidenceCategory Category { get; set; }
    public string? Note { get; set; }
}

public sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(e => e.RecordKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Category).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Note).HasMaxLength(FileAttachments.NoteLength);
        builder.HasOne<Partnerships.Partnership>().WithMany().HasForeignKey(e => e.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.StoredFile).WithMany().HasForeignKey(e => e.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        // The ledger's 附件数 and a record's list look a record up by kind and id.
        builder.HasIndex(e => new { e.RecordKind, e.RecordId });
        builder.HasIndex(e => new { e.PartnershipId, e.RecordKind });
    }
}

/// A file as a record's evidence list shows it.
public sealed record EvidenceDto(int Id, EvidenceRecordKind RecordKind, long RecordId, string FileName, string Kind, long Length,
    EvidenceCategory Category, string? Note, string StoredBy, DateTimeOffset StoredAt);

/// A file on the partnership's evidence page: which record it proves (its date and name) and the file.
public sealed record PartnershipEvidenceItem(int Id, EvidenceRecordKind RecordKind, long RecordId, DateOnly RecordDate, string RecordName,
    string FileName, string Kind, long Length, EvidenceCategory Category, string? Note, string StoredBy, DateTimeOffset StoredAt);

public sealed record EvidenceLedgerCount(EvidenceRecordKind RecordKind, int Files);

/// A partnership's evidence in a period: the count per ledger (every kind, zero included) and the files.
public sealed record PartnershipEvidenceDto(IReadOnlyList<EvidenceLedgerCount> Counts, IReadOnlyList<PartnershipEvidenceItem> Items);
