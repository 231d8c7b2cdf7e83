using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Meetings;

public static class MeetingEndpoints
{
    public static IServiceCollection AddMeetings(this IServiceCollection services) => services.AddScoped<MeetingService>();

    public static IEndpointRouteBuilder MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/meetings").WithTags("Meetings");
        api.MapGet("/", ListAsync);
        api.MapGet("/action-items", ActionItemsAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        api.MapPost("/{id:int}/action-items", AddActionItemAsync);
        api.MapPut("/{id:int}/action-items/{itemId:int}", UpdateActionItemAsync);
        api.MapDelete("/{id:int}/action-items/{itemId:int}", DeleteActionItemAsync);
        return app;
    }

    public static async Task<Ok<Page<MeetingDto>>> ListAsync(HttpContext http, MeetingService service, int? partnershipId, DateOnly? from, DateOnly? to,
        int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), partnershipId, from, to, new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Ok<IReadOnlyList<ActionItemDto>>> ActionItemsAsync(HttpContext http, MeetingService service, int? partnershipId, bool? overdue, CancellationToken ct) =>
        TypedResults.Ok(await service.ActionItemsAsync(http.Scope(), partnershipId, overdue ?? false, ct));

    public static async Task<Results<Ok<MeetingDto>, NotFound>> GetAsync(int id, HttpContext http, MeetingService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound();

    public static async Task<Created<MeetingDto>> CreateAsync(SaveMeetingRequest request, HttpContext http, MeetingService service, CancellationToken ct)
    {
        var m = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/meetings/{m.Id}", m);
    }

    public static async Task<Results<Ok<MeetingDto>, NotFound>> UpdateAsync(int id, SaveMeetingRequest request, HttpContext http, MeetingService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, HttpContext http, MeetingService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Created<ActionItemDto>, NotFound>> AddActionItemAsync(int id, SaveActionItemRequest request, HttpContext http, MeetingService service, CancellationToken ct) =>
        await service.AddActionItemAsync(http.Scope(), id, request, ct) is { } a
            ? TypedResults.Created($"/api/meetings/{id}/action-items/{a.Id}", a)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<ActionItemDto>, NotFound>> UpdateActionItemAsync(int id, int itemId, SaveActionItemRequest request, HttpContext http, MeetingService service, CancellationToken ct) =>
        await service.UpdateActionItemAsync(http.Scope(), id, itemId, request, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteActionItemAsync(int id, int itemId, HttpContext http, MeetingService service, CancellationToken ct) =>
        await service.DeleteActionItemAsync(http.Scope(), id, itemId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
