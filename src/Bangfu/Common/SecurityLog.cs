using System.Text.Json;
using Bangfu.Data;

namespace Bangfu.Common;

/// Writes security events (sign-ins, logouts, password and role changes, exports) into the audit chain, each in a
/// context of its own so that an event is kept even when the action it describes is refused.
public sealed class SecurityLog(AppDbContextFactory dbf, TimeProvider clock)
{
    /// <paramref name="userName"/> is who acted (the caller when omitted; the attempted name for a failed sign-in);
    /// <paramref name="subject"/> is the account or record concerned.
    public async Task RecordAsync(string action, string subject, IReadOnlyDictionary<string, string?>? details = null,
        IReadOnlyDictionary<string, string?>? before = null, string? userName = null, CancellationToken ct = default)
    {
        await using var db = dbf.CreateDbContext();
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Category = AuditCategory.Security,
            UserName = Cut(userName ?? AuditCaller.Actor),
            Address = AuditCaller.Current?.Address,
            EntityType = SecurityEvents.EntityType,
            EntityId = Cut(subject),
            Action = action,
            Changes = details is null ? null : JsonSerializer.Serialize(details, Json),
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
        });
        await db.SaveChangesAsync(ct);
    }

    // An attempted name is whatever a stranger typed: it is kept, cut to the column, with the characters no stored
    // name may hold (control, zero-width, direction marks) shown as U+FFFD, so that the event itself is never refused.
    private static string Cut(string value)
    {
        var text = new System.Text.StringBuilder(Math.Min(value.Length, 64));
        for (var i = 0; i < value.Length && text.Length < 64; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (text.Length + 2 > 64)
                    break;
                text.Append(value, i++, 2);
                continue;
            }
            text.Append(StoredText.Problem(value[i].ToString(), isFreeText: false) is null ? value[i] : '\uFFFD');
        }
        return text.ToString();
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
