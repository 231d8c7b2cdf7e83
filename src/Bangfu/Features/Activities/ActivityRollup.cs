using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Activities;

/// Moves the monthly rollup by one activity, inside the caller's transaction. An upsert that adds in SQL, so two
/// writers of the same month never lose each other's counts (both SQLite and PostgreSQL speak ON CONFLICT).
public static class ActivityRollup
{
    public static Task AddAsync(AppDbContext db, Activity a, int sign, CancellationToken ct)
    {
        var partnershipId = a.PartnershipId;
        var hostId = a.HostOrganizationId;
        var kind = a.Kind.ToString();
        var month = Activity.MonthOf(a.Date);
        long quantity = sign * a.Quantity;
        long attendees = sign * a.Attendees;
        var entries = sign;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ActivityMonthly" ("PartnershipId", "HostOrganizationId", "Kind", "Month", "Quantity", "Attendees", "Entries")
            VALUES ({partnershipId}, {hostId}, {kind}, {month}, {quantity}, {attendees}, {entries})
            ON CONFLICT ("PartnershipId", "HostOrganizationId", "Kind", "Month") DO UPDATE SET
                "Quantity" = "ActivityMonthly"."Quantity" + excluded."Quantity",
                "Attendees" = "ActivityMonthly"."Attendees" + excluded."Attendees",
                "Entries" = "ActivityMonthly"."Entries" + excluded."Entries"
            """, ct);
    }
}
