using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Dispatches;

public static class DispatchEndpoints
{
    public static IServiceCollection AddDispatches(this IServiceCollection services) => services.AddScoped<DispatchService>();

    public static IEndpointRouteBuilder MapDispatchEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dispatches").WithTags("Dispatches");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapGet("/{id:int}/history", HistoryAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapPost("/{id:int}/extend", ExtendAsync);
        api.MapPost("/{id:int}/end-early", EndEarlyAsync);
        api.MapPost("/{id:int}/cancel", CancelAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    public static async Task<Ok<Page<DispatchDto>>> ListAsync(HttpContext http, DispatchService service, int? partnershipId, int? organizationId,
        int? expertId, DispatchMode? mode, DispatchStatus? status, DateOnly? from, DateOnly? to, int? page, int? pageSize, string? sort, bool? desc,
        CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), new DispatchQuery(partnershipId, organizationId, expertId, mode, status, from, to),
            new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Results<Ok<DispatchDto>, NotFound>> GetAsync(int id, HttpContext http, DispatchService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<DispatchHistoryEntry>>, NotFound>> HistoryAsync(int id, HttpContext http, DispatchService service, CancellationToken ct) =>
        await service.HistoryAsync(http.Scope(), id, ct) is { } h ? TypedResults.Ok(h) : TypedResults.NotFound();

    public static async Task<Created<DispatchDto>> CreateAsync(SaveDispatchRequest request, HttpContext http, DispatchService service, CancellationToken ct)
    {
        var d = (await service.CreateAsync(http.Scope(), request, ct))!;
        return TypedResults.Created($"/api/dispatches/{d.Id}", d);
    }

    public static async Task<Results<Ok<DispatchDto>, NotFound>> UpdateAsync(int id, SaveDispatchRequest request, HttpContext http, DispatchService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Ok<DispatchDto>, NotFound>> ExtendAsync(int id, ChangeDispatchEndRequest request, HttpContext http, DispatchService service, CancellationToken ct) =>
        await service.ChangeEndAsync(http.Scope(), id, request, extend: true, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Ok<DispatchDto>, NotFound>> EndEarlyAsync(int id, ChangeDispatchEndRequest request, HttpContext http, DispatchService service, CancellationToken ct) =>
        await service.ChangeEndAsync(http.Scope(), id, request, extend: false, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Ok<DispatchDto>, NotFound>> CancelAsync(int id, CancelDispatchRequest request, HttpContext http, DispatchService service, CancellationToken ct) =>
        await service.CancelAsync(http.Scope(), id, request, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, int? version, HttpContext http, DispatchService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
