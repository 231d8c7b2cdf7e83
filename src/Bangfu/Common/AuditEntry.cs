namespace Bangfu.Common;

/// One change to a record (category Data) or one security event (category Security): who, when, from where, what,
/// the values before and after. Written in the same transaction as the change, and linked into one hash chain
/// (ADR 0015): <see cref="Sequence"/> counts every row, <see cref="Hash"/> covers the row and <see cref="PreviousHash"/>.
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }

    /// The new values (JSON object field → text); for security events, what the event concerned.
    public string? Changes { get; set; }

    /// The values the changed fields held before (JSON object), when the row changed or removed a record.
    public string? Before { get; set; }

    public string Category { get; set; } = AuditCategory.Data;

    /// The caller's address (the connection's, or the proxy's X-Forwarded-For when Bangfu:Https:BehindProxy is set).
    public string? Address { get; set; }

    /// Null only for a row that was never linked (written past the application): the check reports it.
    public long? Sequence { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }
}

public static class AuditCategory
{
    public const string Data = "Data";
    public const string Security = "Security";
}

/// The security events; the sign-in ones make the 登录日志, everything else the 操作日志.
public static class SecurityEvents
{
    public const string EntityType = "Account";

    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string SignInThrottled = "SignInThrottled";
    public const string SignInRefused = "SignInRefused";
    public const string SignOut = "SignOut";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string RoleChanged = "RoleChanged";
    public const string Disabled = "Disabled";
    public const string Enabled = "Enabled";
    public const string Unlocked = "Unlocked";
    public const string RevealedId = "RevealedId";
    public const string LedgerExported = "LedgerExported";
    public const string AuditExported = "AuditExported";

    public static readonly IReadOnlyList<string> SignIns = [SignIn, SignInFailed, SignInThrottled, SignInRefused, SignOut];
    public static readonly IReadOnlyList<string> SignInSuccesses = [SignIn, SignOut];
}
