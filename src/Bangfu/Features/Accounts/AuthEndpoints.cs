using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Accounts;

public sealed record LoginRequest(string? UserName, string? Password);

/// A password change: signed in, the caller's own account; not signed in (an expired password), the named account.
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword, string? UserName = null);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(SignInLimits.Policy);
        api.MapPost("/logout", LogoutAsync);
        api.MapPost("/password", ChangePasswordAsync).AllowAnonymous().RequireRateLimiting(SignInLimits.Policy);
        api.MapGet("/me", Me);
        return app;
    }

    /// Answers {"tokenType","accessToken","expiresIn","refreshToken"} as the bearer-token handler writes it.
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInService signIn, HttpContext http, IStringLocalizer<SharedResource> text)
    {
        new Validation()
            .Required("userName", request.UserName, 256)
            .Required("password", request.Password, 256)
            .ThrowIfAny();
        var result = await signIn.SignInAsync(request.UserName!, request.Password!, IdentityConstants.BearerScheme, SignInLimits.AddressOf(http));
        return result.Outcome == SignInOutcome.SignedIn ? TypedResults.Empty : Refusal(result, http, text);
    }

    /// Ends every session of the caller: this token or cookie and all others of the same account.
    public static async Task<NoContent> LogoutAsync(SessionService sessions, HttpContext http)
    {
        await sessions.EndAllAsync(http.User);
        return TypedResults.NoContent();
    }

    /// The old password is always required; every session of the account ends (sign in again with the new one).
    public static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, SessionService sessions, HttpContext http, IStringLocalizer<SharedResource> text)
    {
        var result = await sessions.ChangePasswordAsync(http.User, request, SignInLimits.AddressOf(http));
        return result.Outcome == SignInOutcome.SignedIn ? TypedResults.NoContent() : Refusal(result, http, text);
    }

    private static ProblemHttpResult Refusal(SignInResult result, HttpContext http, IStringLocalizer<SharedResource> text)
    {
        if (result.Outcome == SignInOutcome.Throttled)
        {
            var seconds = (int)Math.Ceiling(result.RetryAfter.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: text["Problem.429"], detail: text[result.MessageKey, seconds], statusCode: StatusCodes.Status429TooManyRequests);
        }
        return TypedResults.Problem(title: text["Problem.401"], detail: text[result.MessageKey], statusCode: StatusCodes.Status401Unauthorized);
    }

    public static Ok<MeResponse> Me(HttpContext http)
    {
        var scope = http.Scope();
        return TypedResults.Ok(new MeResponse(scope.UserName, scope.Role, scope.OrganizationId, scope.RegionPrefix));
    }
}

public sealed record MeResponse(string UserName, string Role, int? OrganizationId, string? RegionPrefix);
