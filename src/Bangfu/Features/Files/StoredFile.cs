using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Files;

/// What a file is for; each purpose accepts its own kinds and sizes (see <see cref="FileRules"/>).
public enum FilePurpose
{
    /// Case material of a consultation or referral: images, DICOM, ECG, PDFs.
    Clinical,

    /// A partnership's courseware library: slides, documents, videos.
    Courseware,

    /// 佐证材料 of a partnership's records for inspections: photos, scanned sign-in sheets, minutes, agreement scans.
    Evidence,

    /// A ledger workbook brought in by a coordinator (Imports), kept so that the import can be re-read and checked.
    Import,
}

/// A file kept on disk beside the database; the row holds what is needed to serve and check it.
/// The content is stored once per checksum (content-addressed), so the same scan uploaded twice takes one copy.
public sealed class StoredFile
{
    public long Id { get; set; }
    public FilePurpose Purpose { get; set; }
    public required string FileName { get; set; }

    /// The kind found in the content (not the name the uploader gave it), e.g. "pdf", "dicom".
    public required string Kind { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }

    /// SHA-256 of the content, lower-case hex; also the name of the file on disk.
    public required string Sha256 { get; set; }
    public required string StoredBy { get; set; }
    public DateTimeOffset StoredAt { get; set; }
}

public sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.Property(f => f.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.Kind).HasMaxLength(16);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.StoredBy).HasMaxLength(64);
        builder.HasIndex(f => f.Sha256);
    }
}
