using System.Globalization;
using System.Text;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Activities;

/// Moves the monthly rollup by activities, inside the caller's transaction. An upsert that adds in SQL, so two
/// writers of the same month never lose each other's counts (both SQLite and PostgreSQL speak ON CONFLICT).
public static class ActivityRollup
{
    /// Rows per statement: 7 parameters each stays far below both providers' parameter limits.
    private const int RowsPerStatement = 500;

    public static Task AddAsync(AppDbContext db, Activity a, int sign, CancellationToken ct) => AddAsync(db, [(a, sign)], ct);

    /// The changes of a whole batch added up in memory per partnership × host × kind × month, then written as one
    /// multi-row upsert (a 500-row batch of one month is one statement, not 500).
    public static async Task AddAsync(AppDbContext db, IEnumerable<(Activity Activity, int Sign)> changes, CancellationToken ct)
    {
        var sums = new Dictionary<(int PartnershipId, int HostId, string Kind, int Month), (long Quantity, long Attendees, int Entries)>();
        foreach (var (a, sign) in changes)
        {
            var key = (a.PartnershipId, a.HostOrganizationId, a.Kind.ToString(), Activity.MonthOf(a.Date));
            var (q, at, e) = sums.GetValueOrDefault(key);
            sums[key] = (q + sign * (long)a.Quantity, at + sign * (long)a.Attendees, e + sign);
        }
        var rows = sums.Where(s => s.Value != default).ToList();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("""INSERT INTO "ActivityMonthly" ("PartnershipId", "HostOrganizationId", "Kind", "Month", "Quantity", "Attendees", "Entries") VALUES """);
            var values = new List<object>(chunk.Length * 7);
            for (var i = 0; i < chunk.Length; i++)
            {
                var ((partnershipId, hostId, kind, month), (quantity, attendees, entries)) = (chunk[i].Key, chunk[i].Value);
                var at = values.Count;
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                    $"({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}}, {{{at + 4}}}, {{{at + 5}}}, {{{at + 6}}})");
                values.AddRange([partnershipId, hostId, kind, month, quantity, attendees, entries]);
            }
            sql.Append("""
                 ON CONFLICT ("PartnershipId", "HostOrganizationId", "Kind", "Month") DO UPDATE SET
                    "Quantity" = "ActivityMonthly"."Quantity" + excluded."Quantity",
                    "Attendees" = "ActivityMonthly"."Attendees" + excluded."Attendees",
                    "Entries" = "ActivityMonthly"."Entries" + excluded."Entries"
                """);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }
    }
}
