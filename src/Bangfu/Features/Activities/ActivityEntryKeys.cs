using Bangfu.Common;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Activities;

/// The idempotency keys of new entries: a phone that lost the answer to its submission sends the same entry again with
/// the same key, and the repeat answers the row the first one made (a unique index per partnership decides a race).
public static class ActivityEntryKeys
{
    public const int MaxLength = 64;

    public static void Check(Validation v, string prefix, SaveActivityRequest r)
    {
        if (r.EntryKey is { } key && (key.Length is 0 or > MaxLength || key.Any(char.IsWhiteSpace)))
            v.Add(prefix + "entryKey", "Error.EntryKeyInvalid", MaxLength);
    }

    /// Two new rows of one batch with the same key in one partnership are one entry sent twice: refused by place.
    public static void CheckDistinct(Validation v, IReadOnlyList<SaveActivityRequest> items, bool unprefixed)
    {
        var seen = new HashSet<(int?, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].EntryKey is { } key && !seen.Add((items[i].PartnershipId, key)))
                v.Add(unprefixed ? "entryKey" : $"items[{i}].entryKey", "Error.DuplicateActivity");
        }
    }

    /// The rows already stored for the batch's keys, read in one query (withdrawn rows too: a repeat of an entry that
    /// was since withdrawn must not bring it back). A key of a row the caller may not see is refused, never answered.
    public static async Task<Dictionary<(int, string), long>> FindAsync(AppDbContext db, AccessScope scope, IReadOnlyList<SaveActivityRequest> items,
        CancellationToken ct)
    {
        var keys = items.Where(r => r.EntryKey is not null).Select(r => r.EntryKey!).Distinct().ToList();
        if (keys.Count == 0)
            return [];
        var partnerships = items.Where(r => r.EntryKey is not null).Select(r => r.PartnershipId!.Value).Distinct().ToList();
        var found = await db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.EntryKey != null && keys.Contains(a.EntryKey) && partnerships.Contains(a.PartnershipId))
            .Select(a => new { a.Id, a.PartnershipId, EntryKey = a.EntryKey!, a.ExpertId })
            .ToListAsync(ct);
        var mine = found.Where(a => !scope.IsExpert || a.ExpertId == scope.PersonId).ToList();
        if (mine.Count < found.Count)
            new Validation().Add("entryKey", "Error.EntryKeyTaken").ThrowIfAny();
        return mine.ToDictionary(a => (a.PartnershipId, a.EntryKey), a => a.Id);
    }

    /// Runs a write once more when a unique index refused it and the batch carries keys: the concurrent twin has
    /// committed by then, so the second run finds its row and answers it.
    public static async Task<T> RetryOnceAsync<T>(BulkActivitiesRequest request, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (DuplicateRecordException) when (request.Items?.Any(r => r?.EntryKey is not null) == true)
        {
            return await write();
        }
    }
}
