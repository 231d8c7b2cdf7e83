using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Bangfu.Data;

/// The "no two at once" rules that no unique index can state (ADR 0013). The number is the first half of the
/// PostgreSQL advisory lock key, so it must never be reused for another rule.
public enum GuardedRule
{
    /// One person is in one place at a time: dispatches of one expert may not overlap (key: the expert).
    ExpertDispatches = 1,

    /// An expert-day occurrence holds at most its number of experts, each once (key: the expert day).
    ExpertDayPlaces = 2,

    /// An organization is a standing party of a partnership once (key: the partnership).
    PartnershipParties = 3,

    /// A referral has at most one transport run that is not cancelled (key: the referral).
    ReferralTransport = 4,

    /// A ledger file is committed into a partnership once, and one import commits at a time (key: the partnership).
    ImportCommit = 5,
}

public static class RuleLock
{
    /// Opens the operation's transaction and takes the rule's lock before the check reads anything, so that the check
    /// sees what the previous holder committed and the insert happens before the next one looks. Commit the returned
    /// transaction after saving; disposing it without committing rolls everything back.
    public static async Task<IDbContextTransaction> TakeAsync(this AppDbContext db, GuardedRule rule, int key, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("A rule lock opens the operation's transaction; take it before any other.");
        if (db.Database.IsNpgsql())
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            // Held until the transaction ends; only writers of the same rule and key wait for it.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(int)rule}, {key})", ct);
            return tx;
        }
        // SQLite has one writer at a time: BEGIN IMMEDIATE takes that write lock now rather than at the first write,
        // and a second caller waits for it (the connection's busy timeout) instead of reading a state about to change.
        await db.Database.OpenConnectionAsync(ct);
        var sqlite = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: false);
        return await db.Database.UseTransactionAsync(sqlite, ct)
            ?? throw new InvalidOperationException("The SQLite transaction was not taken up.");
    }

    /// A unique index or primary key refused a row that a concurrent caller inserted first.
    public static bool IsDuplicateKey(DbUpdateException e) => e.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
