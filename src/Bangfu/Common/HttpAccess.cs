namespace Bangfu.Common;

public static class HttpAccess
{
    public static AccessScope Scope(this HttpContext http) => AccessScope.From(http.User);
}
