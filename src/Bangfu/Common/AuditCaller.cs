using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Bangfu.Common;

/// Who acts and from where, for every audit row written while the action runs, whichever context it opens
/// (a scoped Identity context, a context opened without a scope): set per HTTP request and per circuit event, so
/// that no person's action is written as "system". A null user name is an anonymous caller (a sign-in attempt).
public sealed record AuditCaller(string? UserName, string? Address)
{
    private static readonly AsyncLocal<AuditCaller?> Ambient = new();

    /// Null outside any request or circuit event: start-up, commands, background work.
    public static AuditCaller? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// The acting user: the caller's name, "anonymous" for a caller not signed in, "system" outside any caller.
    public static string Actor => Current is { } c ? c.UserName ?? "anonymous" : "system";

    /// Within the rest of the calling method (and what it calls), the caller is <paramref name="userName"/>: the
    /// sign-in that has just checked a password acts for that account.
    public static void ActAs(string userName) => Current = new AuditCaller(userName, Current?.Address);
}

/// Sets the caller of an HTTP request once authentication (and the session check) has decided who it is.
public sealed class AuditCallerMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        AuditCaller.Current = new AuditCaller(http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null, http.Address());
        await next(http);
    }
}

/// Sets the caller of every event a live Blazor circuit handles: its signed-in user, and the address the circuit's
/// connection came from (taken when the circuit's first event arrives, while the connection's request is at hand).
public sealed class AuditCircuitHandler(AuthenticationStateProvider auth, IHttpContextAccessor http) : CircuitHandler
{
    private string? _address;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            _address ??= http.HttpContext?.Address();
            var user = (await auth.GetAuthenticationStateAsync()).User;
            AuditCaller.Current = new AuditCaller(user.Identity?.IsAuthenticated == true ? user.Identity.Name : null, _address);
            await next(context);
        };
}
