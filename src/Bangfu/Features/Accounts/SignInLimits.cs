using System.Globalization;
using System.Threading.RateLimiting;
using Bangfu.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Accounts;

/// Per-address limits on everything that checks a password (the API login, the login page's form, password changes):
/// a fixed window of <see cref="AccountOptions.SignInPerAddressPerMinute"/>, answered 429 with Retry-After as a problem.
public static class SignInLimits
{
    public const string Policy = "sign-in";

    public static string AddressOf(HttpContext http) => http.Address();

    public static IServiceCollection AddSignInLimits(this IServiceCollection services, AccountOptions options)
    {
        RateLimitPartition<string> PerAddress(HttpContext http) => RateLimitPartition.GetFixedWindowLimiter(AddressOf(http), _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

        return services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, PerAddress);
            // The login page is a form of a Razor component, not an endpoint of its own: limited by path.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase)
                    ? PerAddress(http)
                    : RateLimitPartition.GetNoLimiter("-"));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = text["Problem.429"], Detail = text["Error.SignInThrottled", seconds] },
                });
            };
        });
    }
}
