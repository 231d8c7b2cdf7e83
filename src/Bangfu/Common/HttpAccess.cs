namespace Bangfu.Common;

public static class HttpAccess
{
    public static AccessScope Scope(this HttpContext http) => AccessScope.From(http.User);

    /// The caller's address: the connection's, which UseForwardedHeaders replaces only when Bangfu:Https:BehindProxy is set.
    public static string Address(this HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
