using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Common;

/// One audit row as the history endpoints answer it.
public sealed record HistoryEntry(DateTimeOffset At, string UserName, string EntityType, string EntityId, string Action, string? Changes);

/// One field of a record, before and after a change (before is null when the audit does not know it).
public sealed record FieldChange(string Field, string? Old, string? New);

/// Reads the audit trail the DbContext writes: newest first, capped, and turned into field-level changes.
public static class AuditHistory
{
    public const int MaxEntries = 500;

    /// Audit rows key records by their primary key written invariantly.
    public static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static Task<List<HistoryEntry>> ReadAsync(AppDbContext db, Expression<Func<AuditEntry, bool>> which, CancellationToken ct) =>
        db.AuditEntries.AsNoTracking()
            .Where(which)
            .OrderByDescending(a => a.Id)
            .Take(MaxEntries)
            .Select(a => new HistoryEntry(a.At, a.UserName, a.EntityType, a.EntityId, a.Action, a.Changes))
            .ToListAsync(ct);

    /// The values an audit row wrote, by field; empty when it wrote none or cannot be read.
    public static IReadOnlyDictionary<string, string?> Values(string? changes)
    {
        if (string.IsNullOrWhiteSpace(changes))
            return new Dictionary<string, string?>();
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string?>>(changes) ?? new Dictionary<string, string?>();
        }
        catch (JsonException)
        {
            return new Dictionary<string, string?>();
        }
    }

    /// Field-level changes of one record's entries, given newest first as <see cref="ReadAsync"/> reads them:
    /// the audit keeps only the new values, so the old ones are replayed from the record's earlier entries.
    public static IReadOnlyList<(HistoryEntry Entry, IReadOnlyList<FieldChange> Changes)> WithFieldChanges(IReadOnlyList<HistoryEntry> newestFirst)
    {
        var known = new Dictionary<string, string?>();
        var result = new (HistoryEntry, IReadOnlyList<FieldChange>)[newestFirst.Count];
        for (var i = newestFirst.Count - 1; i >= 0; i--)
        {
            var e = newestFirst[i];
            var created = e.Action == "Created";
            var changes = new List<FieldChange>();
            foreach (var (field, value) in Values(e.Changes))
            {
                var wasKnown = known.TryGetValue(field, out var old);
                if (!created && wasKnown && old == value)
                    continue;
                changes.Add(new FieldChange(field, created ? null : old, value));
                known[field] = value;
            }
            result[i] = (e, changes);
        }
        return result;
    }

    /// Dates in an audit row are written in the culture of the request that made them; this gives them back as yyyy-MM-dd.
    public static string? NormalizeDate(string? value) =>
        value is not null && DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "M/d/yyyy", "d.M.yyyy", "dd.MM.yyyy"];
}
