using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Files;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.TeleTeaching;

/// Slides (pptx, pdf), videos (mp4) and documents (docx, xlsx, pdf, images), sorted by what the content is.
public enum CoursewareKind
{
    Slides,
    Video,
    Document,
}

public sealed record CoursewareDto(int Id, int PartnershipId, string Title, string? Specialty, CoursewareKind Kind, string FileName, long Length,
    string Sha256, string UploadedBy, DateTimeOffset UploadedAt, int Version);

/// The courseware library of a partnership: read by whoever sees the partnership, changed by its parties' coordinators.
/// Files go through the file store (type, size and checksum checks); the row and its file are saved together.
public sealed class CoursewareService(AppDbContextFactory dbf, FileStore files, TimeProvider clock)
{
    public async Task<IReadOnlyList<CoursewareDto>?> ListAsync(AccessScope scope, int partnershipId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        var rows = await Project(db.CoursewareItems.AsNoTracking().Where(c => c.PartnershipId == partnershipId)
            .OrderByDescending(c => c.StoredFile!.StoredAt).ThenByDescending(c => c.Id)).ToListAsync(ct);
        return rows;
    }

    public async Task<CoursewareDto?> UploadAsync(AccessScope scope, int partnershipId, string? title, string? specialty, string? fileName, Stream content,
        CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        await db.EnsureCanChangeAsync(scope, partnershipId, ct);
        var name = string.IsNullOrWhiteSpace(title)
            ? string.IsNullOrWhiteSpace(fileName) ? "" : Path.GetFileNameWithoutExtension(FileNames.Neutralise(fileName))
            : title.Trim();
        new Validation().Required("title", name, 200).Optional("specialty", specialty, 60).ThrowIfAny();
        var file = await files.AddAsync(db, scope, FilePurpose.Courseware, fileName, content, "file", ct);
        var item = new CoursewareItem
        {
            PartnershipId = partnershipId,
            Title = name,
            Specialty = string.IsNullOrWhiteSpace(specialty) ? null : specialty.Trim(),
            StoredFile = file,
        };
        db.CoursewareItems.Add(item);
        await db.SaveChangesAsync(ct);
        return await Project(db.CoursewareItems.AsNoTracking().Where(c => c.Id == item.Id)).FirstAsync(ct);
    }

    /// The item's file for download, checksum verified; null when the caller cannot see it.
    public async Task<IResult?> DownloadAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var file = await db.CoursewareItems.AsNoTracking().OfVisiblePartnerships(db, scope).Where(c => c.Id == id)
            .Select(c => c.StoredFile).FirstOrDefaultAsync(ct);
        return file is null ? null : await files.DownloadAsync(file, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var item = await db.CoursewareItems.OfVisiblePartnerships(db, scope).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (item is null)
            return false;
        await db.EnsureCanChangeAsync(scope, item.PartnershipId, ct);
        VersionCheck.Ensure(item, version);
        item.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static IQueryable<CoursewareDto> Project(IQueryable<CoursewareItem> q) =>
        q.Select(c => new CoursewareDto(c.Id, c.PartnershipId, c.Title, c.Specialty,
            c.StoredFile!.Kind == "pptx" ? CoursewareKind.Slides : c.StoredFile.Kind == "mp4" ? CoursewareKind.Video : CoursewareKind.Document,
            c.StoredFile.FileName, c.StoredFile.Length, c.StoredFile.Sha256, c.StoredFile.StoredBy, c.StoredFile.StoredAt, c.Version));
}
