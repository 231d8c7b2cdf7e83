using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Activities;

public static class ActivityEndpoints
{
    public static IServiceCollection AddActivities(this IServiceCollection services) =>
        services.AddScoped<ActivityService>().AddScoped<ClosedMonthService>().AddScoped<ActivityReviewService>().AddScoped<ActivityHistoryService>();

    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/activities").WithTags("Activities");
        api.MapGet("/kinds", Kinds);
        api.MapGet("/totals", TotalsAsync);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapGet("/{id:long}/history", HistoryAsync);
        api.MapPost("/", CreateAsync);
        api.MapPost("/bulk", CreateBulkAsync);
        api.MapPut("/{id:long}", UpdateAsync);
        api.MapDelete("/{id:long}", DeleteAsync);

        var closed = app.MapGroup("/api/partnerships/{partnershipId:int}/closed-months").WithTags("Activities");
        closed.MapGet("/", ListClosedAsync);
        closed.MapPost("/", CloseAsync);
        closed.MapDelete("/{month}", ReopenAsync);
        return app;
    }

    public static Ok<IReadOnlyList<ActivityKindDto>> Kinds() =>
        TypedResults.Ok<IReadOnlyList<ActivityKindDto>>(ActivityKinds.All.Values
            .Select(k => new ActivityKindDto(k.Kind, k.Units, k.CountsAttendees, k.MaxQuantityPerEntry)).ToList());

    public static async Task<Ok<IReadOnlyList<ActivityTotal>>> TotalsAsync(HttpContext http, ActivityService service, int? partnershipId, int? organizationId,
        DateOnly? from, DateOnly? to, CancellationToken ct) =>
        TypedResults.Ok(await service.TotalsAsync(http.Scope(), partnershipId, organizationId, from, to, ct));

    public static async Task<Ok<Page<ActivityDto>>> ListAsync(HttpContext http, ActivityService service, int? partnershipId, int? organizationId,
        int? expertId, ActivityKind? kind, DateOnly? from, DateOnly? to, int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), new ActivityQuery(partnershipId, organizationId, expertId, kind, from, to),
            new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Results<Ok<ActivityDto>, NotFound>> GetAsync(long id, HttpContext http, ActivityService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<ActivityChangeDto>>, NotFound>> HistoryAsync(long id, HttpContext http, ActivityHistoryService service,
        CancellationToken ct) =>
        await service.ListAsync(http.Scope(), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Created<ActivityDto>> CreateAsync(SaveActivityRequest request, HttpContext http, ActivityService service, CancellationToken ct)
    {
        var a = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/activities/{a.Id}", a);
    }

    public static async Task<Ok<IReadOnlyList<long>>> CreateBulkAsync(BulkActivitiesRequest request, HttpContext http, ActivityService service, CancellationToken ct) =>
        TypedResults.Ok(await service.SaveManyAsync(http.Scope(), request, ct));

    public static async Task<Results<Ok<ActivityDto>, NotFound>> UpdateAsync(long id, SaveActivityRequest request, HttpContext http, ActivityService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, int? version, HttpContext http, ActivityService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<ClosedMonthDto>>, NotFound>> ListClosedAsync(int partnershipId, HttpContext http, ClosedMonthService service, CancellationToken ct) =>
        await service.ListAsync(http.Scope(), partnershipId, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<ClosedMonthDto>>, NotFound>> CloseAsync(int partnershipId, CloseMonthsRequest request, HttpContext http,
        ClosedMonthService service, CancellationToken ct) =>
        await service.CloseAsync(http.Scope(), partnershipId, request, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> ReopenAsync(int partnershipId, string month, HttpContext http, ClosedMonthService service, CancellationToken ct) =>
        await service.ReopenAsync(http.Scope(), partnershipId, month, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
