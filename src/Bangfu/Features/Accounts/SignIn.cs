using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Bangfu.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Accounts;

/// <c>Bangfu:Accounts</c>: sign-in limits and password age.
public sealed class AccountOptions
{
    public const string Section = "Bangfu:Accounts";

    /// Sign-in attempts (API and page, password changes included) one address may make per minute.
    public int SignInPerAddressPerMinute { get; set; } = 30;

    /// Days a password stays valid; 0 (the default) means passwords do not expire.
    public int PasswordMaxAgeDays { get; set; }
}

public enum SignInOutcome { SignedIn, BadCredentials, Throttled, Disabled, PasswordExpired }

public sealed record SignInResult(SignInOutcome Outcome, TimeSpan RetryAfter = default)
{
    public string MessageKey => Outcome switch
    {
        SignInOutcome.Throttled => "Error.SignInThrottled",
        SignInOutcome.Disabled => "Error.AccountDisabled",
        SignInOutcome.PasswordExpired => "Error.PasswordExpired",
        _ => "Error.BadLogin",
    };
}

/// Failed sign-ins slow the next attempt down instead of locking the account (ADR 0014). An attempt from the same
/// address for the same name waits 1, 2, 4 … seconds after the third failure (at most 15 minutes); all addresses
/// together for one name wait at most a minute after the twentieth failure, so a stranger can slow the administrator
/// down but never lock them out. Unknown names are counted the same way (nothing tells them apart). Counts fade after an
/// hour without failures. Kept in memory: a restart forgets them, and each node of a cluster counts its own.
public sealed class SignInThrottle(TimeProvider clock)
{
    private const int FreePerAddress = 3;
    private const int FreePerName = 20;
    private static readonly TimeSpan MaxPerAddress = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxPerName = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Fade = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private readonly record struct Failures(int Count, DateTimeOffset Last);

    public TimeSpan WaitFor(string userName, string address)
    {
        var now = clock.GetUtcNow();
        var a = Remaining(Key(userName, address), FreePerAddress, MaxPerAddress, now);
        var n = Remaining(Key(userName, null), FreePerName, MaxPerName, now);
        return a > n ? a : n;
    }

    public bool IsSlowed(string userName) => Remaining(Key(userName, null), FreePerName, MaxPerName, clock.GetUtcNow()) > TimeSpan.Zero
        || _failures.TryGetValue(Key(userName, null), out var f) && f.Count > FreePerAddress && clock.GetUtcNow() - f.Last < Fade;

    public void Failed(string userName, string address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > 100_000)
            Prune(now);
        foreach (var key in new[] { Key(userName, address), Key(userName, null) })
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => new Failures(now - f.Last > Fade ? 1 : f.Count + 1, now));
    }

    public void Succeeded(string userName, string address) => _failures.TryRemove(Key(userName, address), out _);

    /// An administrator's unlock: every count for the name goes.
    public void Forget(string userName)
    {
        var prefix = userName.ToUpperInvariant() + "\n";
        foreach (var key in _failures.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
            _failures.TryRemove(key, out _);
    }

    private TimeSpan Remaining(string key, int free, TimeSpan max, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var f) || f.Count <= free || now - f.Last > Fade)
            return TimeSpan.Zero;
        var delay = TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, Math.Pow(2, Math.Min(f.Count - free - 1, 20))));
        var left = f.Last + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, f) in _failures)
            if (now - f.Last > Fade)
                _failures.TryRemove(key, out _);
    }

    private static string Key(string userName, string? address) => userName.ToUpperInvariant() + "\n" + (address ?? "*");
}

/// The one door for signing in (the API and the login page): throttle, then the password (a dummy hash for unknown
/// names, so neither the answer nor its time tells whether the name exists), then disabled and expired accounts.
public sealed class SignInService(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, SignInThrottle throttle,
    AccountOptions options, TimeProvider clock, SecurityLog securityLog, ILogger<SignInService> log)
{
    // A hash of a random password made once, by the same hasher: verifying against it costs what a real one costs.
    private static string? _dummyHash;

    public async Task<SignInResult> SignInAsync(string userName, string password, string scheme, string address)
    {
        var (result, user) = await CheckAsync(userName, password, address);
        if (result.Outcome != SignInOutcome.SignedIn)
            return result;
        signIn.AuthenticationScheme = scheme;
        await signIn.SignInAsync(user!, isPersistent: false);
        await securityLog.RecordAsync(SecurityEvents.SignIn, user!.UserName!,
            new Dictionary<string, string?> { ["scheme"] = scheme == IdentityConstants.BearerScheme ? "token" : "cookie" }, userName: user.UserName);
        return result;
    }

    /// Checks name and password as a sign-in does (throttled, counted) and answers the user when they match.
    public async Task<(SignInResult Result, AppUser? User)> CheckAsync(string userName, string password, string address, bool allowExpired = false)
    {
        var purpose = allowExpired ? "password-change" : "sign-in";
        var wait = throttle.WaitFor(userName, address);
        if (wait > TimeSpan.Zero)
        {
            await securityLog.RecordAsync(SecurityEvents.SignInThrottled, userName, new Dictionary<string, string?>
            {
                ["for"] = purpose,
                ["retryAfterSeconds"] = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            }, userName: userName);
            return (new SignInResult(SignInOutcome.Throttled, wait), null);
        }

        var user = await users.FindByNameAsync(userName);
        bool matches;
        if (user is null)
        {
            _dummyHash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new AppUser(), _dummyHash, password);
            matches = false;
        }
        else
        {
            matches = await users.CheckPasswordAsync(user, password);
        }
        if (!matches)
        {
            throttle.Failed(userName, address);
            log.LogWarning("Sign-in failed for {UserName} from {Address}", userName, address);
            // The name as typed, never the password; nothing here says whether the name exists.
            await securityLog.RecordAsync(SecurityEvents.SignInFailed, userName, new Dictionary<string, string?> { ["for"] = purpose }, userName: userName);
            return (new SignInResult(SignInOutcome.BadCredentials), null);
        }
        throttle.Succeeded(userName, address);
        // From here the caller is this account: what it changes is written in its name.
        AuditCaller.ActAs(user!.UserName!);
        if (user.IsDisabled)
        {
            await securityLog.RecordAsync(SecurityEvents.SignInRefused, user.UserName!, new Dictionary<string, string?> { ["for"] = purpose, ["reason"] = "disabled" });
            return (new SignInResult(SignInOutcome.Disabled), null);
        }
        if (user.PasswordChangedAt is null)
        {
            user.PasswordChangedAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
        }
        else if (!allowExpired && options.PasswordMaxAgeDays > 0 && clock.GetUtcNow() - user.PasswordChangedAt > TimeSpan.FromDays(options.PasswordMaxAgeDays))
        {
            await securityLog.RecordAsync(SecurityEvents.SignInRefused, user.UserName!, new Dictionary<string, string?> { ["for"] = purpose, ["reason"] = "password-expired" });
            return (new SignInResult(SignInOutcome.PasswordExpired), null);
        }
        return (new SignInResult(SignInOutcome.SignedIn), user);
    }
}

/// Passwords that a list of leaked passwords holds (the 10,000 most common, also with a trailing run of digits or
/// symbols taken off, so "Password123!" counts as "password123"), or that hide control, zero-width or direction
/// characters, are refused.
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null)
            return Task.FromResult(IdentityResult.Success);
        if (password.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordControlCharacters", Description = "control characters" }));
        if (IsCommon(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordCommon", Description = "common password" }));
        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var trimmed = lower.TrimEnd("0123456789!@#$%^&*()_+-=.,?~`'\"[]{}<>/\\|;: ".ToCharArray());
        var letters = lower.TrimEnd("!@#$%^&*()_+-=.,?~`'\"[]{}<>/\\|;: ".ToCharArray());
        return Common.Value.Contains(lower) || Common.Value.Contains(letters) || trimmed.Length >= 4 && Common.Value.Contains(trimmed);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Bangfu.Features.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#')
                set.Add(line.Trim().ToLowerInvariant());
        return set;
    }
}
