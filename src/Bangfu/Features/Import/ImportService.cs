using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Files;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Import;

public sealed record ImportIssueDto(string Column, string Message, bool IsError);

/// One row of the preview: what it would do (create, update, unchanged, error), the values it was read as, and what
/// was found by column.
public sealed record ImportRowDto(int Row, string Action, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<ImportIssueDto> Issues);

public sealed record ImportBatchDto(long Id, int PartnershipId, ImportKind Kind, ImportState State, string FileName, string Sha256, int Rows,
    int Creates, int Updates, int Unchanged, int Errors, int Warnings, int Skipped, string CreatedBy, DateTimeOffset CreatedAt,
    string? CommittedBy, DateTimeOffset? CommittedAt);

/// The check of a stored file as of now: its counts, the heading row found, the rows passed over and why, and the rows
/// (those with errors and warnings first, at most <see cref="ImportService.MaxPreviewRows"/>).
public sealed record ImportPreviewDto(ImportBatchDto Batch, int HeaderRow, IReadOnlyList<string> Columns, IReadOnlyList<string> Notes,
    IReadOnlyList<ImportRowDto> Rows, bool RowsCapped);

/// Brings ledger workbooks into a partnership in two steps. Upload keeps the file (checked like every upload, the ZIP
/// limits included) and checks every row by writing it through the activities' own write path in a transaction that
/// is rolled back: the preview shows exactly what the commit would do, plausibility warnings included. Commit runs
/// the same check again under the partnership's import lock and keeps the writes, all rows or none.
public sealed class ImportService(AppDbContextFactory dbf, FileStore files, ActivityService activities, ActivityImport import,
    TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    public const int MaxRows = 200_000;
    public const int MaxPreviewRows = 1_000;
    public const int MaxListedErrors = 200;
    private const int ChunkRows = ActivityService.MaxBulkItems;

    public static ImportKind? ParseKind(string kind) =>
        Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(kind, out _) ? k : null;

    public async Task<ImportPreviewDto?> UploadAsync(AccessScope scope, int partnershipId, ImportKind kind, string? fileName, Stream content, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        await db.EnsureCanChangeAsync(scope, partnershipId, ct);
        var file = await files.AddAsync(db, scope, FilePurpose.Import, fileName, content, "file", ct);
        var batch = new ImportBatch
        {
            PartnershipId = partnershipId,
            Kind = kind,
            State = ImportState.Previewed,
            StoredFile = file,
            FileName = file.FileName,
            Sha256 = file.Sha256,
            CreatedBy = scope.UserName,
            CreatedAt = clock.GetUtcNow(),
        };
        // A file that is not a ledger (no heading row) is refused here and nothing is kept.
        var check = await CheckAsync(scope, batch, file, ct);
        Count(batch, check);
        batch.Preview = Store(check);
        db.Add(batch);
        await db.SaveChangesAsync(ct);
        return Preview(batch, check);
    }

    public async Task<IReadOnlyList<ImportBatchDto>?> ListAsync(AccessScope scope, int partnershipId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        return await Project(db.ImportBatches.AsNoTracking().Where(b => b.PartnershipId == partnershipId)
            .OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Take(100)).ToListAsync(ct);
    }

    /// The activity ledger's template for a partnership: its hospitals and people in the drop-downs, one example row.
    public async Task<byte[]?> TemplateAsync(AccessScope scope, int partnershipId, ImportKind kind, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await db.Visible(scope).AnyAsync(p => p.Id == partnershipId, ct))
            return null;
        var context = await ContextAsync(db, partnershipId, new string('0', 64), ct);
        var supporting = await db.PartnershipParties.AsNoTracking()
            .Where(p => p.PartnershipId == partnershipId && p.DeletedAt == null && (p.Role == PartyRole.Supporting || p.Role == PartyRole.Lead))
            .Select(p => p.OrganizationId).ToListAsync(ct);
        var host = context.Parties.FirstOrDefault(p => !supporting.Contains(p.Id)) ?? (context.Parties.Count > 0 ? context.Parties[0] : null);
        var expert = context.People.Where(p => supporting.Contains(p.OrganizationId)).Select(p => p.Name).FirstOrDefault();
        var kinds = Enum.GetValues<ActivityKind>().Select(k => text[$"ActivityKind.{k}"].Value).ToList();
        var units = Enum.GetValues<ActivityUnit>().Select(u => text[$"ActivityUnit.{u}"].Value).ToList();
        // The template's columns are the import's, which are the ledger export's in its order.
        string[] headings = [.. import.Columns.Select(c => c.Key)];
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        object?[] example = [today, expert, host?.Name, null, text["ActivityKind.Surgery"].Value, "腹腔镜胆囊切除术", 1, text["ActivityUnit.Tai"].Value,
            null, "线下", Bilingual.Both(text, "Import.ExampleNote")[0], null, null];
        var lists = new Dictionary<string, ImportChoices>
        {
            [ActivityImport.Kind] = new(ActivityImport.Kind, kinds),
            [ActivityImport.Unit] = new(ActivityImport.Unit, units),
            [ActivityImport.Host] = new(ActivityImport.Host, [.. context.Parties.Select(p => p.Name)]),
            [ActivityImport.Expert] = new(ActivityImport.Expert, [.. context.People.Select(p => p.Name).Distinct().Order(StringComparer.Ordinal)]),
            [ActivityImport.Online] = new(ActivityImport.Online, ["线下", "线上"]),
        };
        using var output = new MemoryStream();
        ImportTemplate.Write(output, text["Ledgers.Sheet.Activity"], headings, example, lists, [ActivityImport.Date]);
        return output.ToArray();
    }

    /// The import as its last check (the upload's, or the commit's) left it. The commit checks every row again.
    public async Task<ImportPreviewDto?> GetAsync(AccessScope scope, long id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var batch = await db.ImportBatches.AsNoTracking().OfVisiblePartnerships(db, scope).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
            return null;
        var stored = batch.Preview is null ? null : System.Text.Json.JsonSerializer.Deserialize<StoredPreview>(batch.Preview);
        return stored is null
            ? new ImportPreviewDto(Dto(batch), 0, [], [], [], false)
            : new ImportPreviewDto(Dto(batch), stored.HeaderRow, stored.Columns, stored.Notes, stored.Rows, stored.RowsCapped);
    }

    /// Writes every row, or none: any row with an error refuses the whole commit (400, the fields name row and
    /// column, e.g. rows[7].类别). The same file committed before into this ledger of this partnership is a 409.
    public async Task<ImportBatchDto?> CommitAsync(AccessScope scope, long id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var found = await db.ImportBatches.AsNoTracking().OfVisiblePartnerships(db, scope).Select(b => new { b.Id, b.PartnershipId })
            .FirstOrDefaultAsync(b => b.Id == id, ct);
        if (found is null)
            return null;
        await db.EnsureCanChangeAsync(scope, found.PartnershipId, ct);
        await using var tx = await db.TakeAsync(GuardedRule.ImportCommit, found.PartnershipId, ct);
        var batch = await db.ImportBatches.Include(b => b.StoredFile).FirstAsync(b => b.Id == id, ct);
        if (batch.State == ImportState.Committed)
            throw new DomainRuleException("Import.AlreadyCommitted", Local(batch.CommittedAt!.Value));
        if (await SameFileCommittedAsync(db, batch, ct) is { } earlier)
            throw new DomainRuleException("Import.SameFile", earlier.FileName, Local(earlier.At));
        var (file, batchId) = (batch.StoredFile!, batch.Id);
        var check = await RunAsync(db, scope, batch, file, ct);
        if (check.Errors > 0)
            throw new RequestValidationException(check.ErrorFields);
        db.ChangeTracker.Clear();
        batch = await db.ImportBatches.FirstAsync(b => b.Id == batchId, ct);
        Count(batch, check);
        batch.Preview = Store(check);
        batch.State = ImportState.Committed;
        batch.CommittedSha256 = batch.Sha256;
        batch.CommittedBy = scope.UserName;
        batch.CommittedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Dto(batch);
    }

    /// The dry run: the rows are written in a transaction of their own, which is rolled back.
    private async Task<Check> CheckAsync(AccessScope scope, ImportBatch batch, StoredFile file, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var check = await RunAsync(db, scope, batch, file, ct);
        await tx.RollbackAsync(ct);
        return check;
    }

    private async Task<Check> RunAsync(AppDbContext db, AccessScope scope, ImportBatch batch, StoredFile file, CancellationToken ct)
    {
        var context = await ContextAsync(db, batch.PartnershipId, batch.Sha256, ct);
        await using var stream = await files.OpenVerifiedAsync(file, ct);
        ImportSheet sheet;
        try
        {
            sheet = ImportSheet.Open(stream, import.Columns);
        }
        catch (ImportFormatException e)
        {
            throw new RequestValidationException([new FieldError("file", e.MessageKey, e.Args)]);
        }
        using (sheet)
        {
            var check = new Check(sheet.HeaderRowNumber, sheet.Headers);
            if (await SameFileCommittedAsync(db, batch, ct) is { } earlier)
                check.Notes.Add(text["Import.SameFile", earlier.FileName, Local(earlier.At)]);
            var examples = Bilingual.Both(text, "Import.ExampleNote");
            var chunk = new List<ActivityImportRow>(ChunkRows);
            try
            {
                foreach (var row in sheet.Rows())
                {
                    if (ImportValues.Text(row[ActivityImport.Note]) is { } note && examples.Contains(note))
                    {
                        check.Notes.Add(text["Import.ExampleSkipped", row.Number]);
                        continue;
                    }
                    if (++check.Rows > MaxRows)
                        throw new RequestValidationException([new FieldError("file", "Import.TooManyRows", MaxRows)]);
                    chunk.Add(import.Read(row, context));
                    if (chunk.Count == ChunkRows)
                        await WriteChunkAsync(db, scope, batch.FileName, chunk, check, ct);
                }
                if (chunk.Count > 0)
                    await WriteChunkAsync(db, scope, batch.FileName, chunk, check, ct);
            }
            catch (ImportFormatException e)
            {
                throw new RequestValidationException([new FieldError("file", e.MessageKey, e.Args)]);
            }
            if (sheet.Skipped.Count > 0)
                check.Notes.Insert(0, text["Import.TotalsSkipped", string.Join("、", sheet.Skipped)]);
            check.Skipped = sheet.Skipped.Count;
            if (check.Rows == 0)
                throw new RequestValidationException([new FieldError("file", "Import.NoRows", sheet.HeaderRowNumber)]);
            return check;
        }
    }

    /// Up to 500 rows through ActivityService's batch write. A row the write path refuses is taken out and the rest
    /// written again, so that every row's own errors and warnings are found in one pass.
    private async Task WriteChunkAsync(AppDbContext db, AccessScope scope, string fileName, List<ActivityImportRow> chunk, Check check, CancellationToken ct)
    {
        var ids = chunk.Where(r => r.Request is not null && r.ExistingId is not null).Select(r => r.ExistingId!.Value).ToList();
        var partnershipId = chunk[0].Request?.PartnershipId;
        var stored = ids.Count == 0 ? [] : await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id) && a.PartnershipId == partnershipId)
            .ToDictionaryAsync(a => a.Id, ct);
        var actions = new string[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            var r = chunk[i];
            if (r.ExistingId is { } id && !check.SystemIds.Add(id))
                r.Issues.Add(new ImportIssue(ActivityImport.SystemId, "Import.DuplicateSystemId", [id]));
            if (r.Issues.Any(x => x.IsError) || r.Request is null)
                actions[i] = "error";
            else if (r.ExistingId is { } existing && stored.TryGetValue(existing, out var a))
                actions[i] = ActivityImport.Same(a, r.Request) ? "unchanged" : "update";
            else
                actions[i] = "create";
        }
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var creates = Enumerable.Range(0, chunk.Count).Where(i => actions[i] == "create").ToList();
            var updates = Enumerable.Range(0, chunk.Count).Where(i => actions[i] == "update").ToList();
            if (creates.Count + updates.Count == 0)
                break;
            var request = new BulkActivitiesRequest(
                [.. creates.Select(i => chunk[i].Request!)],
                [.. updates.Select(i => new ActivityChange(chunk[i].ExistingId!.Value,
                    chunk[i].Request! with { Version = stored[chunk[i].ExistingId!.Value].Version, Reason = text["Import.CorrectionReason", fileName].Value }))]);
            try
            {
                var written = await activities.WriteInAsync(db, scope, request, ct);
                var warned = written.Concat(updates.Select(i => chunk[i].ExistingId!.Value)).ToList();
                var warnings = await db.Activities.AsNoTracking().Where(a => warned.Contains(a.Id) && a.ReviewWarnings != null)
                    .ToDictionaryAsync(a => a.Id, a => a.ReviewWarnings, ct);
                foreach (var (i, activityId) in creates.Zip(written).Concat(updates.Select(i => (i, chunk[i].ExistingId!.Value))))
                {
                    foreach (var (key, args) in ActivityPlausibility.Decode(warnings.GetValueOrDefault(activityId)))
                        chunk[i].Issues.Add(new ImportIssue(ActivityImport.ColumnOfWarning(key), key, args, IsError: false));
                }
                break;
            }
            catch (RequestValidationException e)
            {
                foreach (var error in e.Errors)
                {
                    var (list, index) = Place(error.Field);
                    var i = list switch
                    {
                        "items" when index < creates.Count => creates[index],
                        "updates" when index < updates.Count => updates[index],
                        _ => creates.Concat(updates).First(),
                    };
                    chunk[i].Issues.Add(new ImportIssue(ActivityImport.ColumnOf(error.Field), error.MessageKey, error.Args));
                    actions[i] = "error";
                }
            }
            catch (DomainRuleException e)
            {
                foreach (var i in creates.Concat(updates))
                {
                    chunk[i].Issues.Add(new ImportIssue(ActivityImport.Date, e.MessageKey, e.Args));
                    actions[i] = "error";
                }
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        for (var i = 0; i < chunk.Count; i++)
            check.Add(chunk[i], actions[i], text);
        chunk.Clear();
    }

    /// The earlier commit of the same file into the same ledger of the same partnership, if any.
    private static async Task<(string FileName, DateTimeOffset At)?> SameFileCommittedAsync(AppDbContext db, ImportBatch batch, CancellationToken ct)
    {
        var earlier = await db.ImportBatches.AsNoTracking()
            .Where(b => b.PartnershipId == batch.PartnershipId && b.Kind == batch.Kind && b.CommittedSha256 == batch.Sha256)
            .Select(b => new { b.FileName, b.CommittedAt }).FirstOrDefaultAsync(ct);
        return earlier is null ? null : (earlier.FileName, earlier.CommittedAt!.Value);
    }

    private string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static (string List, int Index) Place(string field)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return open > 0 && close > open && int.TryParse(field.AsSpan(open + 1, close - open - 1), out var index) ? (field[..open], index) : ("", 0);
    }

    private static async Task<ActivityImportContext> ContextAsync(AppDbContext db, int partnershipId, string sha, CancellationToken ct)
    {
        var parties = await db.PartnershipParties.AsNoTracking().Where(p => p.PartnershipId == partnershipId && p.DeletedAt == null)
            .Select(p => new ImportParty(p.OrganizationId, p.Organization!.Name, p.Organization.ShortName)).Distinct().ToListAsync(ct);
        var orgs = parties.Select(p => p.Id).ToList();
        var people = await db.People.AsNoTracking().Where(p => orgs.Contains(p.OrganizationId))
            .Select(p => new ImportPerson(p.Id, p.Name, p.OrganizationId)).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => orgs.Contains(d.OrganizationId))
            .Select(d => new ImportDepartment(d.Id, d.Name, d.OrganizationId)).ToListAsync(ct);
        var closed = await db.ClosedMonths.AsNoTracking().Where(c => c.PartnershipId == partnershipId).Select(c => c.Month).ToListAsync(ct);
        return new ActivityImportContext(partnershipId, parties, people, departments, closed.ToHashSet(), $"xlsx-{sha[..20]}");
    }

    private static void Count(ImportBatch batch, Check check)
    {
        (batch.Rows, batch.Creates, batch.Updates, batch.Unchanged) = (check.Rows, check.Creates, check.Updates, check.Unchanged);
        (batch.Errors, batch.Warnings, batch.Skipped) = (check.Errors, check.Warnings, check.Skipped);
    }

    private static ImportPreviewDto Preview(ImportBatch batch, Check check) =>
        new(Dto(batch), check.HeaderRow, check.Columns, check.Notes, Shown(check), check.Flagged.Count + check.Plain.Count > MaxPreviewRows);

    private static List<ImportRowDto> Shown(Check check) => [.. check.Flagged.Concat(check.Plain).Take(MaxPreviewRows)];

    private static string Store(Check check) => System.Text.Json.JsonSerializer.Serialize(
        new StoredPreview(check.HeaderRow, check.Columns, check.Notes, Shown(check), check.Flagged.Count + check.Plain.Count > MaxPreviewRows));

    /// The preview as kept in ImportBatch.Preview (messages in the language of whoever ran the check).
    private sealed record StoredPreview(int HeaderRow, IReadOnlyList<string> Columns, IReadOnlyList<string> Notes, IReadOnlyList<ImportRowDto> Rows,
        bool RowsCapped);

    private static ImportBatchDto Dto(ImportBatch b) =>
        new(b.Id, b.PartnershipId, b.Kind, b.State, b.FileName, b.Sha256, b.Rows, b.Creates, b.Updates, b.Unchanged, b.Errors, b.Warnings,
            b.Skipped, b.CreatedBy, b.CreatedAt, b.CommittedBy, b.CommittedAt);

    private static IQueryable<ImportBatchDto> Project(IQueryable<ImportBatch> q) =>
        q.Select(b => new ImportBatchDto(b.Id, b.PartnershipId, b.Kind, b.State, b.FileName, b.Sha256, b.Rows, b.Creates, b.Updates, b.Unchanged,
            b.Errors, b.Warnings, b.Skipped, b.CreatedBy, b.CreatedAt, b.CommittedBy, b.CommittedAt));

    /// What a pass found. Only the counts grow with the file; the rows kept for the preview are capped.
    private sealed class Check(int headerRow, IReadOnlyList<string> columns)
    {
        public int HeaderRow { get; } = headerRow;
        public IReadOnlyList<string> Columns { get; } = columns;
        public List<string> Notes { get; } = [];
        public List<ImportRowDto> Flagged { get; } = [];
        public List<ImportRowDto> Plain { get; } = [];
        public List<FieldError> ErrorFields { get; } = [];
        public HashSet<long> SystemIds { get; } = [];
        public int Rows { get; set; }
        public int Creates { get; private set; }
        public int Updates { get; private set; }
        public int Unchanged { get; private set; }
        public int Errors { get; private set; }
        public int Warnings { get; private set; }
        public int Skipped { get; set; }

        public void Add(ActivityImportRow row, string action, IStringLocalizer<SharedResource> text)
        {
            switch (action)
            {
                case "create": Creates++; break;
                case "update": Updates++; break;
                case "unchanged": Unchanged++; break;
                default: Errors++; break;
            }
            if (row.Issues.Any(i => !i.IsError))
                Warnings++;
            foreach (var issue in row.Issues.Where(i => i.IsError))
            {
                if (ErrorFields.Count < MaxListedErrors)
                    ErrorFields.Add(new FieldError($"rows[{row.Row}].{issue.Column}", issue.MessageKey, issue.Args));
            }
            var flagged = row.Issues.Count > 0;
            var list = flagged ? Flagged : Plain;
            if (list.Count >= MaxPreviewRows)
                return;
            list.Add(new ImportRowDto(row.Row, action, row.Shown,
                [.. row.Issues.Select(i => new ImportIssueDto(i.Column, text[i.MessageKey, i.Args].Value, i.IsError))]));
        }
    }
}
