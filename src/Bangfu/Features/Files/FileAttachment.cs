using System.Text.Json.Serialization;
using Bangfu.Common;
using Bangfu.Data;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Files;

/// What a piece of clinical material is: 影像, 心电, 病理 or 其他.
[JsonConverter(typeof(JsonStringEnumConverter<AttachmentCategory>))]
public enum AttachmentCategory
{
    Imaging,
    Ecg,
    Pathology,
    Other,
}

/// A kept file linked to a record (a consultation, a referral) with its category and a short note. Each record kind
/// has its own table with its own foreign key; this base holds what they share and is not an entity itself.
public abstract class FileAttachment
{
    public int Id { get; set; }
    public long StoredFileId { get; set; }
    public StoredFile? StoredFile { get; set; }
    public AttachmentCategory Category { get; set; }
    public string? Note { get; set; }
}

/// An attachment as every API answer and page shows it.
public sealed record AttachmentDto(int Id, string FileName, string Kind, long Length, AttachmentCategory Category, string? Note, string StoredBy, DateTimeOffset StoredAt);

/// A file chosen on a page's <see cref="AttachmentsPanel"/>, with the category picked beside it.
public sealed record AttachmentUpload(IBrowserFile File, AttachmentCategory Category, long MaxBytes)
{
    public string FileName => File.Name;

    /// Opens the file whatever its announced size: <see cref="FileStore"/> reads at most one byte past the limit and
    /// refuses a larger file with the same field error as the API, instead of the browser stream throwing.
    public Stream OpenReadStream() => File.OpenReadStream(Math.Max(File.Size, MaxBytes + 1));
}

/// What adding, listing and configuring attachments has in common, whatever record they belong to. The access rules
/// (who reads the record, who may add to it and when) stay with each record's service.
public static class FileAttachments
{
    public const int NoteLength = 200;

    /// The columns of an attachment table: category as text, the note's length, and the kept file (never deleted with
    /// the link: the same content may be linked elsewhere).
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : FileAttachment
    {
        builder.Property(a => a.Category).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Note).HasMaxLength(NoteLength);
        builder.HasOne(a => a.StoredFile).WithMany().HasForeignKey(a => a.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }

    /// Checks the category and note, keeps the clinical file (refusals are field errors on "file") and saves
    /// <paramref name="link"/> with it. The caller has already checked that the user may add to the record.
    public static async Task<AttachmentDto> AddAsync<T>(AppDbContext db, AccessScope scope, FileStore files, T link, string? fileName, Stream content,
        AttachmentCategory? category, string? note, CancellationToken ct)
        where T : FileAttachment
    {
        new Validation().Defined("category", category).Optional("note", note, NoteLength).ThrowIfAny();
        var file = await files.AddAsync(db, scope, FilePurpose.Clinical, fileName, content, "file", ct);
        link.StoredFile = file;
        link.Category = category!.Value;
        link.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        db.Add(link);
        await db.SaveChangesAsync(ct);
        return new AttachmentDto(link.Id, file.FileName, file.Kind, file.Length, link.Category, link.Note, file.StoredBy, file.StoredAt);
    }

    /// The attachments of one record, oldest first.
    public static IQueryable<AttachmentDto> Project<T>(IQueryable<T> attachments)
        where T : FileAttachment =>
        attachments.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new AttachmentDto(a.Id, a.StoredFile!.FileName, a.StoredFile.Kind, a.StoredFile.Length, a.Category, a.Note,
                a.StoredFile.StoredBy, a.StoredFile.StoredAt));
}
