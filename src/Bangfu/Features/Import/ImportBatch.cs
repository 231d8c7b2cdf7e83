using Bangfu.Common;
using Bangfu.Features.Files;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Import;

/// Which ledger a file brings in (the path segment of /api/partnerships/{id}/imports/{kind}).
public enum ImportKind
{
    Activities,
}

public enum ImportState
{
    /// Uploaded and checked; nothing of it is in the records yet.
    Previewed,

    /// Written into the records, all rows in one transaction.
    Committed,
}

/// One workbook brought into one partnership: who, when, which file (kept, with its checksum) and what it held.
/// The same file committed twice into the same ledger of the same partnership is refused by a unique index on
/// CommittedSha256, which is set only when the batch commits.
public sealed class ImportBatch : IPartnershipRecord
{
    public long Id { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
    public ImportKind Kind { get; set; }
    public ImportState State { get; set; }
    public long StoredFileId { get; set; }
    public StoredFile? StoredFile { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public string? CommittedSha256 { get; set; }

    /// What the last check found: rows read, to create, to update, unchanged, with errors, with warnings, skipped.
    public int Rows { get; set; }
    public int Creates { get; set; }
    public int Updates { get; set; }
    public int Unchanged { get; set; }
    public int Errors { get; set; }
    public int Warnings { get; set; }
    public int Skipped { get; set; }

    /// The last check's preview (heading row, notes, rows with issues first, capped) as JSON: what GET answers, so
    /// that reading an import again costs no second pass over the file (the commit checks every row again).
    public string? Preview { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CommittedBy { get; set; }
    public DateTimeOffset? CommittedAt { get; set; }
}

public sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(b => b.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.FileName).HasMaxLength(200);
        builder.Property(b => b.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(b => b.CommittedSha256).HasMaxLength(64).IsFixedLength();
        builder.Property(b => b.CreatedBy).HasMaxLength(64);
        builder.Property(b => b.CommittedBy).HasMaxLength(64);
        builder.HasOne(b => b.Partnership).WithMany().HasForeignKey(b => b.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(b => b.StoredFile).WithMany().HasForeignKey(b => b.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.PartnershipId, b.CreatedAt });
        // NULLs repeat on both providers: only committed batches take part.
        builder.HasIndex(b => new { b.PartnershipId, b.Kind, b.CommittedSha256 }).IsUnique();
    }
}
