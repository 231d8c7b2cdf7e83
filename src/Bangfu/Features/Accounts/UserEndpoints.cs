using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Bangfu.Features.Accounts;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id}", UpdateAsync);
        api.MapPost("/{id}/unlock", UnlockAsync);
        api.MapPost("/{id}/disable", (string id, UserService users, UserManager<AppUser> manager, HttpContext http, CancellationToken ct) => SetDisabledAsync(id, true, users, manager, http, ct));
        api.MapPost("/{id}/enable", (string id, UserService users, UserManager<AppUser> manager, HttpContext http, CancellationToken ct) => SetDisabledAsync(id, false, users, manager, http, ct));
        return app;
    }

    public static async Task<Ok<IReadOnlyList<UserDto>>> ListAsync(UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(ct));

    public static async Task<Created<UserDto>> CreateAsync(SaveUserRequest request, UserService users, CancellationToken ct)
    {
        var user = await users.CreateAsync(request, ct);
        return TypedResults.Created($"/api/users/{user.Id}", user);
    }

    public static async Task<Results<Ok<UserDto>, NotFound>> UpdateAsync(string id, SaveUserRequest request, UserService users, CancellationToken ct) =>
        await users.UpdateAsync(id, request, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    public static async Task<Results<Ok<UserDto>, NotFound>> SetDisabledAsync(
        string id, bool disabled, UserService users, UserManager<AppUser> manager, HttpContext http, CancellationToken ct) =>
        await users.SetDisabledAsync(id, disabled, manager.GetUserId(http.User)!, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> UnlockAsync(string id, UserService users) =>
        await users.UnlockAsync(id) ? TypedResults.NoContent() : TypedResults.NotFound();
}
