using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Accounts;

public sealed record LoginRequest(string? UserName, string? Password);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/login", LoginAsync).AllowAnonymous();
        api.MapGet("/me", Me);
        return app;
    }

    /// Answers {"tokenType","accessToken","expiresIn","refreshToken"} as the bearer-token handler writes it.
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> text)
    {
        new Validation()
            .Required("userName", request.UserName, 256)
            .Required("password", request.Password, 256)
            .ThrowIfAny();
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName!, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return TypedResults.Empty;
        var key = result.IsLockedOut ? "Error.LockedOut" : "Error.BadLogin";
        return TypedResults.Problem(title: text["Problem.401"], detail: text[key], statusCode: StatusCodes.Status401Unauthorized);
    }

    public static Ok<MeResponse> Me(HttpContext http)
    {
        var scope = http.Scope();
        return TypedResults.Ok(new MeResponse(scope.UserName, scope.Role, scope.OrganizationId, scope.RegionPrefix));
    }
}

public sealed record MeResponse(string UserName, string Role, int? OrganizationId, string? RegionPrefix);
