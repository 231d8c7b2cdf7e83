using System.Security.Claims;
using Bangfu.Common;
using Bangfu.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bangfu.Features.Accounts;

/// Whether a signed-in principal (cookie, bearer token or live circuit) is still current (ADR 0014): its user exists,
/// is not disabled, and its security stamp is the user's stamp now. Logout, a password change or reset, a role change
/// and disabling all change the stamp, so every session of that user ends at its next request.
public sealed class SessionCheck(IDbContextFactory<AppDbContext> dbf, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var claims = identity.Value.ClaimsIdentity;
        var id = user.FindFirst(claims.UserIdClaimType)?.Value;
        var stamp = user.FindFirst(claims.SecurityStampClaimType)?.Value;
        if (id is null || stamp is null)
            return false;
        await using var db = await dbf.CreateDbContextAsync(ct);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.IsDisabled }).FirstOrDefaultAsync(ct);
        return row is { IsDisabled: false } && string.Equals(row.SecurityStamp, stamp, StringComparison.Ordinal);
    }
}

/// Runs after authentication on every request: a principal that is no longer current is treated as anonymous (the
/// fallback policy then answers 401 or sends the page to the login form), and a stale cookie is removed.
public sealed class SessionCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, SessionCheck check)
    {
        if (http.User.Identity?.IsAuthenticated == true && !await check.IsCurrentAsync(http.User, http.RequestAborted))
        {
            if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(http);
    }
}

/// A live Blazor circuit was authenticated once, when it opened; this checks it again every half minute, so a page
/// left open does not outlive its session.
public sealed class SessionRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionCheck>().IsCurrentAsync(authenticationState.User, cancellationToken);
    }
}

/// The one door for ending sessions and changing one's own password.
public sealed class SessionService(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInService signIns, TimeProvider clock, IHttpContextAccessor http, SecurityLog securityLog)
{
    /// Logout: a new security stamp ends this session and every other one of the account (cookies, tokens, circuits).
    public async Task EndAllAsync(ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await securityLog.RecordAsync(SecurityEvents.SignOut, user.UserName!, userName: user.UserName);
        }
        if (http.HttpContext is { } context && !context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            await signIn.SignOutAsync();
    }

    public async Task<SignInResult> ChangePasswordAsync(ClaimsPrincipal principal, ChangePasswordRequest request, string address)
    {
        var signedIn = principal.Identity?.IsAuthenticated == true ? await users.GetUserAsync(principal) : null;
        var userName = signedIn?.UserName ?? request.UserName;
        var v = new Validation()
            .Required("currentPassword", request.CurrentPassword, 256)
            .Required("newPassword", request.NewPassword, 256);
        if (signedIn is null)
            v.Required("userName", request.UserName, 256);
        if (request.NewPassword is { Length: > 0 } && request.NewPassword == request.CurrentPassword)
            v.Add("newPassword", "Error.PasswordUnchanged");
        v.ThrowIfAny();

        var (result, user) = await signIns.CheckAsync(userName!, request.CurrentPassword!, address, allowExpired: true);
        if (result.Outcome == SignInOutcome.BadCredentials)
            new Validation().Add("currentPassword", signedIn is null ? "Error.BadLogin" : "Error.WrongCurrentPassword").ThrowIfAny();
        if (result.Outcome != SignInOutcome.SignedIn)
            return result;
        // An expired password is changed by a caller not signed in: the account itself acts.
        AuditCaller.ActAs(user!.UserName!);

        var changed = await users.ChangePasswordAsync(user!, request.CurrentPassword!, request.NewPassword!);
        if (!changed.Succeeded)
        {
            var errors = new Validation();
            foreach (var e in changed.Errors)
                errors.Add("newPassword", "Identity." + e.Code);
            errors.ThrowIfAny();
        }
        // ChangePasswordAsync gave the account a new stamp: every session, this one included, has ended.
        user.PasswordChangedAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        await securityLog.RecordAsync(SecurityEvents.PasswordChanged, user.UserName!);
        return result;
    }
}
