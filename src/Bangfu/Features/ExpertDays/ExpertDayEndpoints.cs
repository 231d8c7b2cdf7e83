using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.ExpertDays;

public static class ExpertDayEndpoints
{
    public static IServiceCollection AddExpertDays(this IServiceCollection services) => services.AddScoped<ExpertDayService>();

    public static IEndpointRouteBuilder MapExpertDayEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/expert-days").WithTags("Expert days");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        api.MapGet("/{id:int}/occurrences", OccurrencesAsync);
        api.MapPost("/{id:int}/assignments", AssignAsync);
        api.MapDelete("/{id:int}/assignments/{assignmentId:int}", UnassignAsync);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<ExpertDayDto>>> ListAsync(HttpContext http, ExpertDayService service, int? partnershipId, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), partnershipId, ct));

    public static async Task<Results<Ok<ExpertDayDto>, NotFound>> GetAsync(int id, HttpContext http, ExpertDayService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Created<ExpertDayDto>> CreateAsync(SaveExpertDayRequest request, HttpContext http, ExpertDayService service, CancellationToken ct)
    {
        var d = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/expert-days/{d.Id}", d);
    }

    public static async Task<Results<Ok<ExpertDayDto>, NotFound>> UpdateAsync(int id, SaveExpertDayRequest request, HttpContext http, ExpertDayService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, HttpContext http, ExpertDayService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<Occurrence>>, NotFound>> OccurrencesAsync(int id, DateOnly? from, DateOnly? to, HttpContext http, ExpertDayService service, CancellationToken ct) =>
        await service.OccurrencesAsync(http.Scope(), id, from, to, ct) is { } o ? TypedResults.Ok(o) : TypedResults.NotFound();

    public static async Task<Results<Created<AssignedExpert>, NotFound>> AssignAsync(int id, AssignRequest request, HttpContext http, ExpertDayService service, CancellationToken ct) =>
        await service.AssignAsync(http.Scope(), id, request, ct) is { } a
            ? TypedResults.Created($"/api/expert-days/{id}/assignments/{a.AssignmentId}", a)
            : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> UnassignAsync(int id, int assignmentId, HttpContext http, ExpertDayService service, CancellationToken ct) =>
        await service.UnassignAsync(http.Scope(), id, assignmentId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
