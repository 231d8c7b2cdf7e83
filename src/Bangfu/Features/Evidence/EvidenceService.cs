using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Files;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Evidence;

/// A record evidence may be attached to, as one shape for the six kinds: its partnership, the date it is filed under,
/// the last day it covers (dispatches and trainees span days) and the name that says which record it is.
internal sealed class EvidenceRecord
{
    public long Id { get; init; }
    public int PartnershipId { get; init; }
    public DateOnly Date { get; init; }
    public DateOnly EndDate { get; init; }
    public string Name { get; init; } = "";
}

/// One file of a partnership's evidence ZIP: the kept file and the entry's name (folder/date_name_file), unique.
public sealed record EvidenceArchiveEntry(string EntryName, StoredFile File);

/// Attaches, lists and removes the 佐证材料 of a partnership's records. A caller reads a record's evidence when it
/// reads the record (the record's own visibility: an expert sees its own activities only), and adds or removes
/// evidence when it changes the record's partnership; a record it cannot see is a 404, one it sees but may not change
/// a 403. Consultations' and referrals' case material is not evidence: it stays with them (patient data) and never
/// enters this list or the ZIP.
public sealed class EvidenceService(AppDbContextFactory dbf, FileStore files)
{
    public static EvidenceRecordKind? ParseKind(string? segment) => segment switch
    {
        "dispatches" => EvidenceRecordKind.Dispatch,
        "activities" => EvidenceRecordKind.Activity,
        "meetings" => EvidenceRecordKind.Meeting,
        "agreements" => EvidenceRecordKind.Agreement,
        "techniques" => EvidenceRecordKind.Technique,
        "trainees" => EvidenceRecordKind.Trainee,
        _ => null,
    };

    public static string SegmentOf(EvidenceRecordKind kind) => kind switch
    {
        EvidenceRecordKind.Dispatch => "dispatches",
        EvidenceRecordKind.Activity => "activities",
        EvidenceRecordKind.Meeting => "meetings",
        EvidenceRecordKind.Agreement => "agreements",
        EvidenceRecordKind.Technique => "techniques",
        _ => "trainees",
    };

    /// The records of a kind the caller may read, as a query.
    internal static IQueryable<EvidenceRecord> Records(AppDbContext db, AccessScope scope, EvidenceRecordKind kind)
    {
        switch (kind)
        {
            case EvidenceRecordKind.Dispatch:
                return DispatchService.Visible(db, scope).Select(d => new EvidenceRecord
                {
                    Id = d.Id,
                    PartnershipId = d.PartnershipId,
                    Date = d.StartDate,
                    EndDate = d.EndDate,
                    Name = d.Expert!.Name,
                });
            case EvidenceRecordKind.Activity:
                return ActivityService.Visible(db, scope).Select(a => new EvidenceRecord
                {
                    Id = a.Id,
                    PartnershipId = a.PartnershipId,
                    Date = a.Date,
                    EndDate = a.Date,
                    Name = a.Expert != null ? a.Expert.Name : a.Subject ?? a.HostOrganization!.Name,
                });
            case EvidenceRecordKind.Meeting:
                return db.Meetings.OfVisiblePartnerships(db, scope).Select(m => new EvidenceRecord
                {
                    Id = m.Id,
                    PartnershipId = m.PartnershipId,
                    Date = m.HeldOn,
                    EndDate = m.HeldOn,
                    Name = m.Title,
                });
            case EvidenceRecordKind.Agreement:
                var visible = db.Visible(scope).Select(p => p.Id);
                return db.Agreements.Where(a => visible.Contains(a.PartnershipId)).Select(a => new EvidenceRecord
                {
                    Id = a.Id,
                    PartnershipId = a.PartnershipId,
                    Date = a.SignedOn,
                    EndDate = a.SignedOn,
                    Name = a.Title,
                });
            case EvidenceRecordKind.Technique:
                return db.Techniques.OfVisiblePartnerships(db, scope).Select(t => new EvidenceRecord
                {
                    Id = t.Id,
                    PartnershipId = t.PartnershipId,
                    Date = t.FirstPerformedOn,
                    EndDate = t.FirstPerformedOn,
                    Name = t.Name,
                });
            default:
                return db.Trainees.OfVisiblePartnerships(db, scope).Select(t => new EvidenceRecord
                {
                    Id = t.Id,
                    PartnershipId = t.PartnershipId,
                    Date = t.StartDate,
                    EndDate = t.EndDate,
                    Name = t.Person!.Name,
                });
        }
    }

    /// Checks and keeps the file and links it to the record; null (404) when the caller cannot see the record.
    public async Task<EvidenceDto?> AddAsync(AccessScope scope, EvidenceRecordKind kind, long recordId, string? fileName, Stream content,
        EvidenceCategory? category, string? note, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnershipId = await PartnershipOfAsync(db, scope, kind, recordId, ct);
        if (partnershipId is not { } pid)
            return null;
        await db.EnsureCanChangeAsync(scope, pid, ct);
        new Validation().Defined("category", category).Optional("note", note, FileAttachments.NoteLength).ThrowIfAny();
        var file = await files.AddAsync(db, scope, FilePurpose.Evidence, fileName, content, "file", ct);
        var link = new EvidenceFile
        {
            PartnershipId = pid,
            RecordKind = kind,
            RecordId = recordId,
            StoredFile = file,
            Category = category!.Value,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        db.Add(link);
        await db.SaveChangesAsync(ct);
        return new EvidenceDto(link.Id, kind, recordId, file.FileName, file.Kind, file.Length, link.Category, link.Note, file.StoredBy, file.StoredAt);
    }

    /// The record's evidence, oldest first; null (404) when the caller cannot see the record.
    public async Task<IReadOnlyList<EvidenceDto>?> ListAsync(AccessScope scope, EvidenceRecordKind kind, long recordId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (await PartnershipOfAsync(db, scope, kind, recordId, ct) is null)
            return null;
        return await db.Set<EvidenceFile>().AsNoTracking().Where(e => e.RecordKind == kind && e.RecordId == recordId).OrderBy(e => e.Id)
            .Select(e => new EvidenceDto(e.Id, e.RecordKind, e.RecordId, e.StoredFile!.FileName, e.StoredFile.Kind, e.StoredFile.Length, e.Category, e.Note,
                e.StoredFile.StoredBy, e.StoredFile.StoredAt))
            .ToListAsync(ct);
    }

    /// Whether the caller may add and remove evidence of the record (the page shows the upload only then).
    public async Task<bool> CanChangeAsync(AccessScope scope, EvidenceRecordKind kind, long recordId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (await PartnershipOfAsync(db, scope, kind, recordId, ct) is not { } pid)
            return false;
        try
        {
            await db.EnsureCanChangeAsync(scope, pid, ct);
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    /// The kept file, for download; null (404) unless the caller reads the record it belongs to.
    public async Task<StoredFile?> FindFileAsync(AccessScope scope, EvidenceRecordKind kind, long recordId, int evidenceId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (await PartnershipOfAsync(db, scope, kind, recordId, ct) is null)
            return null;
        return await db.Set<EvidenceFile>().AsNoTracking()
            .Where(e => e.Id == evidenceId && e.RecordKind == kind && e.RecordId == recordId)
            .Select(e => e.StoredFile!).FirstOrDefaultAsync(ct);
    }

    /// Removes the link (the kept content stays: the same file may be linked elsewhere). False (404) when unknown.
    public async Task<bool> RemoveAsync(AccessScope scope, EvidenceRecordKind kind, long recordId, int evidenceId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var pid = await PartnershipOfAsync(db, scope, kind, recordId, ct);
        var link = pid is null ? null
            : await db.Set<EvidenceFile>().FirstOrDefaultAsync(e => e.Id == evidenceId && e.RecordKind == kind && e.RecordId == recordId, ct);
        if (link is null)
            return false;
        await db.EnsureCanChangeAsync(scope, link.PartnershipId, ct);
        db.Remove(link);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// A partnership's evidence, optionally one ledger and a period (a record counts when the days it covers meet the
    /// period), newest record first; null (404) when the caller cannot see the partnership. One query per ledger.
    public async Task<PartnershipEvidenceDto?> ListForPartnershipAsync(AccessScope scope, int partnershipId, EvidenceRecordKind? kind,
        DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        CheckPeriod(from, to);
        var items = new List<PartnershipEvidenceItem>();
        foreach (var k in kind is { } only ? [only] : Enum.GetValues<EvidenceRecordKind>())
            items.AddRange(await Of(db, scope, partnershipId, k, from, to).ToListAsync(ct));
        var counts = Enum.GetValues<EvidenceRecordKind>().Select(k => new EvidenceLedgerCount(k, items.Count(i => i.RecordKind == k))).ToList();
        return new PartnershipEvidenceDto(counts, items.OrderByDescending(i => i.RecordDate).ThenBy(i => i.RecordKind).ThenBy(i => i.Id).ToList());
    }

    /// What the partnership's evidence ZIP holds: the files (rows only, never contents) with their entry names, a folder
    /// per ledger; null (404) when the caller cannot see the partnership.
    public async Task<IReadOnlyList<EvidenceArchiveEntry>?> ArchiveAsync(AccessScope scope, int partnershipId, DateOnly? from, DateOnly? to,
        Func<EvidenceRecordKind, string> folderOf, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        CheckPeriod(from, to);
        var (first, last) = (from, to);
        var entries = new List<EvidenceArchiveEntry>();
        var names = new EvidenceArchiveNames();
        foreach (var k in Enum.GetValues<EvidenceRecordKind>())
        {
            var rows = await (from e in db.Set<EvidenceFile>().AsNoTracking()
                              where e.PartnershipId == partnershipId && e.RecordKind == k
                              join r in Records(db, scope, k) on e.RecordId equals r.Id
                              where (first == null || r.EndDate >= first) && (last == null || r.Date <= last)
                              orderby r.Date, e.RecordId, e.Id
                              select new { r.Date, r.Name, File = e.StoredFile! }).ToListAsync(ct);
            foreach (var row in rows)
                entries.Add(new EvidenceArchiveEntry(names.Next(folderOf(k), row.Date, row.Name, row.File.FileName), row.File));
        }
        return entries;
    }

    private static IQueryable<PartnershipEvidenceItem> Of(AppDbContext db, AccessScope scope, int partnershipId, EvidenceRecordKind kind,
        DateOnly? first, DateOnly? last) =>
        from e in db.Set<EvidenceFile>().AsNoTracking()
        where e.PartnershipId == partnershipId && e.RecordKind == kind
        join r in Records(db, scope, kind) on e.RecordId equals r.Id
        where (first == null || r.EndDate >= first) && (last == null || r.Date <= last)
        select new PartnershipEvidenceItem(e.Id, e.RecordKind, e.RecordId, r.Date, r.Name, e.StoredFile!.FileName, e.StoredFile.Kind,
            e.StoredFile.Length, e.Category, e.Note, e.StoredFile.StoredBy, e.StoredFile.StoredAt);

    private static async Task<int?> PartnershipOfAsync(AppDbContext db, AccessScope scope, EvidenceRecordKind kind, long recordId, CancellationToken ct) =>
        await Records(db, scope, kind).Where(r => r.Id == recordId).Select(r => (int?)r.PartnershipId).FirstOrDefaultAsync(ct);

    private static void CheckPeriod(DateOnly? from, DateOnly? to) => new Validation().DateOrder("to", from, to).ThrowIfAny();
}
