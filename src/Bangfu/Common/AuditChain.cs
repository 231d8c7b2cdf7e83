using System.Security.Cryptography;
using System.Text.Json;
using Bangfu.Data;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Common;

/// The outcome of checking the chain: intact with its row count, or the first row that breaks it and why.
public sealed record AuditVerification(bool IsIntact, long Count, long? BrokenId = null, string? Reason = null);

/// Links audit rows into one hash chain and checks it (ADR 0015). Each row's hash is SHA-256 over a canonical
/// serialisation of its fields and the previous row's hash; its sequence number is one more than the previous row's.
/// A changed row no longer matches its hash, a removed one leaves a gap, an inserted one has no sequence.
public static class AuditChain
{
    /// The previous hash of the first row.
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // One number for the PostgreSQL advisory lock that serialises linking ("BangfuAu").
    private const long LockKey = 0x42616E6766754175;

    /// Gives the rows the next sequence numbers and their hashes. Runs inside the transaction that writes them: on
    /// PostgreSQL an advisory lock held to the end of that transaction keeps two writers from reading the same head
    /// (and forking the chain); on SQLite the transaction already holds the database's one write lock.
    public static async Task LinkAsync(AppDbContext db, IReadOnlyList<AuditEntry> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        if (db is PostgresDbContext)
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        var head = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null)
            .OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? Genesis;
        foreach (var row in rows)
        {
            // Both providers keep at least milliseconds (SQLite's instant converter 0.1 ms, PostgreSQL 1 µs).
            row.At = new DateTimeOffset(row.At.UtcTicks - row.At.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            row.Sequence = ++sequence;
            row.PreviousHash = previous;
            row.Hash = HashOf(row);
            previous = row.Hash;
        }
    }

    /// Links the rows written before the chain existed, in the order they were written; only while the chain is
    /// empty, so that a row slipped in later is reported by <see cref="VerifyAsync"/> instead of being sealed.
    public static async Task<int> SealExistingAsync(AppDbContextFactory dbf, CancellationToken ct = default)
    {
        await using var db = dbf.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db is PostgresDbContext)
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        if (await db.AuditEntries.AnyAsync(a => a.Sequence != null, ct))
            return 0;
        var sealedRows = 0;
        long sequence = 0;
        var previous = Genesis;
        long afterId = 0;
        while (true)
        {
            var batch = await db.AuditEntries.Where(a => a.Id > afterId).OrderBy(a => a.Id).Take(1000).ToListAsync(ct);
            if (batch.Count == 0)
                break;
            foreach (var row in batch)
            {
                row.Sequence = ++sequence;
                row.PreviousHash = previous;
                row.Hash = HashOf(row);
                previous = row.Hash;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            sealedRows += batch.Count;
            afterId = batch[^1].Id;
        }
        await tx.CommitAsync(ct);
        return sealedRows;
    }

    /// Walks the whole chain in sequence order, a thousand rows at a time.
    public static async Task<AuditVerification> VerifyAsync(AppDbContextFactory dbf, CancellationToken ct = default)
    {
        await using var db = dbf.CreateDbContext();
        long expected = 1;
        var previous = Genesis;
        long count = 0;
        while (true)
        {
            var from = expected - 1;
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence > from)
                .OrderBy(a => a.Sequence).Take(1000).ToListAsync(ct);
            if (batch.Count == 0)
                break;
            foreach (var row in batch)
            {
                if (row.Sequence != expected)
                    return new AuditVerification(false, count, row.Id, $"sequence {row.Sequence} follows {expected - 1}: a row is missing");
                if (!string.Equals(row.PreviousHash, previous, StringComparison.Ordinal))
                    return new AuditVerification(false, count, row.Id, "previous hash does not match the row before");
                if (!string.Equals(row.Hash, HashOf(row), StringComparison.Ordinal))
                    return new AuditVerification(false, count, row.Id, "the row was changed after it was written");
                previous = row.Hash!;
                expected++;
                count++;
            }
        }
        var unlinked = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null).OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        return unlinked is { } id
            ? new AuditVerification(false, count, id, "the row is not in the chain (written past the application)")
            : new AuditVerification(true, count);
    }

    /// SHA-256 (lower-case hex) of the row as a JSON array of its fields in a fixed order, the instant in Unix
    /// milliseconds, then the previous hash. The database key is left out: the sequence number orders the chain.
    public static string HashOf(AuditEntry row)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            json.WriteNumberValue(row.Sequence ?? 0);
            json.WriteNumberValue(row.At.ToUnixTimeMilliseconds());
            foreach (var field in new[] { row.Category, row.UserName, row.Address, row.EntityType, row.EntityId, row.Action, row.Before, row.Changes, row.PreviousHash })
            {
                if (field is null)
                    json.WriteNullValue();
                else
                    json.WriteStringValue(field);
            }
            json.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    public static string Describe(AuditVerification v) =>
        v.IsIntact
            ? $"OK: 审计链完整 / audit chain intact, {v.Count} rows"
            : $"BROKEN: 审计链在第 {v.BrokenId} 行断开 / audit chain broken at row id {v.BrokenId} ({v.Reason}); {v.Count} rows verified before it";
}
