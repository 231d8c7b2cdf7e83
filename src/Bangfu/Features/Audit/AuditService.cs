using System.Globalization;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Ledgers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Audit;

/// One row of the 操作日志 or 登录日志.
public sealed record AuditRow(long Id, DateTimeOffset At, string UserName, string? Address, string Category, string EntityType, string EntityId,
    string Action, string? Before, string? Changes);

/// The 操作日志 filters (RuoYi's): operator, record type, action, a date range (yyyy-MM-dd, both ends included, local
/// dates) and a text found in the record's key or its values.
public sealed record OperationLogQuery(string? UserName = null, string? EntityType = null, string? Action = null, string? From = null, string? To = null,
    string? Text = null, int Page = 1, int PageSize = 20);

/// The 登录日志 filters: account name, result (success / failure), address, a date range.
public sealed record SignInLogQuery(string? UserName = null, string? Result = null, string? Address = null, string? From = null, string? To = null,
    int Page = 1, int PageSize = 20);

/// The audit trail as system administrators read it (ADR 0015): filtered and paged by the database, exported
/// to XLSX straight from the query. Every read checks the caller; nobody else sees the trail.
public sealed class AuditService(AppDbContextFactory dbf, TimeProvider clock, IStringLocalizer<SharedResource> text, SecurityLog securityLog)
{
    public const string ResultSuccess = "success";
    public const string ResultFailure = "failure";
    public const int MaxExportRows = 100_000;

    public async Task<Page<AuditRow>> OperationsAsync(AccessScope scope, OperationLogQuery query, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var q = Operations(db, scope, query);
        var page = new PageRequest(query.Page, query.PageSize);
        return new Page<AuditRow>(await Project(q.OrderByDescending(a => a.Id).TakePage(page)).ToListAsync(ct), await q.CountAsync(ct));
    }

    public async Task<Page<AuditRow>> SignInsAsync(AccessScope scope, SignInLogQuery query, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var q = SignIns(db, scope, query);
        var page = new PageRequest(query.Page, query.PageSize);
        return new Page<AuditRow>(await Project(q.OrderByDescending(a => a.Id).TakePage(page)).ToListAsync(ct), await q.CountAsync(ct));
    }

    /// The filtered 操作日志 as a workbook in a temporary file that goes away with the stream.
    public Task<LedgerFile> ExportOperationsAsync(AccessScope scope, OperationLogQuery query, CancellationToken ct) =>
        ExportAsync(scope, "operations", db => Operations(db, scope, query with { Page = 1 }), ct);

    public Task<LedgerFile> ExportSignInsAsync(AccessScope scope, SignInLogQuery query, CancellationToken ct) =>
        ExportAsync(scope, "sign-ins", db => SignIns(db, scope, query with { Page = 1 }), ct);

    private IQueryable<AuditEntry> Operations(AppDbContext db, AccessScope scope, OperationLogQuery query)
    {
        EnsureAdmin(scope);
        var v = new Validation();
        CheckPage(v, query.Page, query.PageSize);
        v.Optional("userName", query.UserName, 64).Optional("entityType", query.EntityType, 64).Optional("action", query.Action, 32).Optional("text", query.Text, 200);
        var (from, to) = Range(v, query.From, query.To);
        v.ThrowIfAny();
        var q = db.AuditEntries.AsNoTracking().Where(a => !SecurityEvents.SignIns.Contains(a.Action));
        if (Given(query.UserName) is { } user)
            q = q.Where(a => a.UserName == user);
        if (Given(query.EntityType) is { } type)
            q = q.Where(a => a.EntityType == type);
        if (Given(query.Action) is { } action)
            q = q.Where(a => a.Action == action);
        if (Given(query.Text) is { } t)
            q = q.Where(a => a.EntityId == t || a.Changes!.Contains(t) || a.Before!.Contains(t));
        return Within(q, from, to);
    }

    private IQueryable<AuditEntry> SignIns(AppDbContext db, AccessScope scope, SignInLogQuery query)
    {
        EnsureAdmin(scope);
        var v = new Validation();
        CheckPage(v, query.Page, query.PageSize);
        v.Optional("userName", query.UserName, 64).Optional("address", query.Address, 64);
        var result = Given(query.Result)?.ToLowerInvariant();
        if (result is not (null or ResultSuccess or ResultFailure))
            v.Add("result", "Error.UnknownValue");
        var (from, to) = Range(v, query.From, query.To);
        v.ThrowIfAny();
        var q = db.AuditEntries.AsNoTracking().Where(a => a.Category == AuditCategory.Security && SecurityEvents.SignIns.Contains(a.Action));
        if (Given(query.UserName) is { } user)
            q = q.Where(a => a.UserName == user);
        if (Given(query.Address) is { } address)
            q = q.Where(a => a.Address == address);
        if (result == ResultSuccess)
            q = q.Where(a => SecurityEvents.SignInSuccesses.Contains(a.Action));
        else if (result == ResultFailure)
            q = q.Where(a => !SecurityEvents.SignInSuccesses.Contains(a.Action));
        return Within(q, from, to);
    }

    private async Task<LedgerFile> ExportAsync(AccessScope scope, string kind, Func<AppDbContext, IQueryable<AuditEntry>> filter, CancellationToken ct)
    {
        var file = OwnerOnly.TemporaryFile("bangfu-audit-", ".xlsx");
        try
        {
            await using (var db = dbf.CreateFor(scope))
            {
                var q = filter(db);
                var count = await q.CountAsync(ct);
                string[] cols = [text["Audit.Col.At"], text["Audit.Col.UserName"], text["Audit.Col.Address"], text["Audit.Col.Action"],
                    text["Audit.Col.EntityType"], text["Audit.Col.EntityId"], text["Audit.Col.Before"], text["Audit.Col.Changes"], text["Audit.Col.Id"]];
                var zone = clock.LocalTimeZone;
                var rows = Project(q.OrderByDescending(a => a.Id).Take(MaxExportRows)).AsEnumerable()
                    .Select(r => (IDictionary<string, object?>)Row(cols, TimeZoneInfo.ConvertTime(r.At, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        r.UserName, r.Address, ActionLabel(r.Action), r.EntityType, r.EntityId, r.Before, r.Changes, r.Id));
                if (count > MaxExportRows)
                    rows = rows.Append(Row(cols, text["Audit.ExportCapped", MaxExportRows, count].Value, null, null, null, null, null, null, null, null));
                var sheet = new LedgerSheet(text[kind == "operations" ? "Audit.Operations" : "Audit.SignIns"], cols, [], rows) { WideColumns = [cols[6], cols[7]] };
                await LedgerWorkbook.WriteAsync(file, [sheet], ct);
            }
            file.Position = 0;
            await securityLog.RecordAsync(SecurityEvents.AuditExported, kind, userName: scope.UserName, ct: ct);
            return new LedgerFile(file, $"audit-{kind}-{clock.GetLocalNow():yyyyMMdd-HHmm}.xlsx");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// A known action's label in the caller's language; an unknown one as written.
    public string ActionLabel(string action)
    {
        var label = text[$"Audit.Action.{action}"];
        return label.ResourceNotFound ? action : label.Value;
    }

    private static Dictionary<string, object?> Row(string[] columns, params object?[] values)
    {
        var row = new Dictionary<string, object?>(columns.Length);
        for (var i = 0; i < columns.Length; i++)
            row[columns[i]] = values[i];
        return row;
    }

    private static IQueryable<AuditRow> Project(IQueryable<AuditEntry> q) =>
        q.Select(a => new AuditRow(a.Id, a.At, a.UserName, a.Address, a.Category, a.EntityType, a.EntityId, a.Action, a.Before, a.Changes));

    private static void EnsureAdmin(AccessScope scope)
    {
        if (!scope.IsAdmin)
            throw new AccessDeniedException();
    }

    private static void CheckPage(Validation v, int page, int pageSize) =>
        new PageRequest(page, pageSize).Validate(v, []);

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private (DateTimeOffset? From, DateTimeOffset? To) Range(Validation v, string? fromText, string? toText)
    {
        var from = Date(v, "from", fromText);
        var to = Date(v, "to", toText);
        v.DateOrder("to", from, to);
        return (from is { } f ? Start(f) : null, to is { } t ? Start(t.AddDays(1)) : null);
    }

    // The dates are the caller's calendar days (the server's zone, China Standard Time in a deployment).
    private DateTimeOffset Start(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, clock.LocalTimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateOnly? Date(Validation v, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && StoredDates.Problem(d) is null)
            return d;
        v.Add(field, "Ledgers.Error.Date");
        return null;
    }

    private static IQueryable<AuditEntry> Within(IQueryable<AuditEntry> q, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } f)
            q = q.Where(a => a.At >= f);
        if (to is { } t)
            q = q.Where(a => a.At < t);
        return q;
    }
}
