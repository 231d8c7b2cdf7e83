using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Plans;

public static class PlanEndpoints
{
    public static IServiceCollection AddPlans(this IServiceCollection services) => services.AddScoped<PlanService>();

    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/plans").WithTags("Plans");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        api.MapPost("/{id:int}/goals", (int id, SaveGoalRequest r, HttpContext http, PlanService s, CancellationToken ct) => SaveGoalAsync(id, null, r, http, s, ct));
        api.MapPut("/{id:int}/goals/{goalId:int}", SaveGoalAsync);
        api.MapDelete("/{id:int}/goals/{goalId:int}", DeleteGoalAsync);
        api.MapPost("/{id:int}/tasks", (int id, SavePlanTaskRequest r, HttpContext http, PlanService s, CancellationToken ct) => SaveTaskAsync(id, null, r, http, s, ct));
        api.MapPut("/{id:int}/tasks/{taskId:int}", SaveTaskAsync);
        api.MapDelete("/{id:int}/tasks/{taskId:int}", DeleteTaskAsync);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<PlanDto>>> ListAsync(HttpContext http, PlanService service, int? partnershipId, int? organizationId, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), partnershipId, organizationId, ct));

    public static async Task<Results<Ok<PlanDto>, NotFound>> GetAsync(int id, HttpContext http, PlanService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public static async Task<Created<PlanDto>> CreateAsync(SavePlanRequest request, HttpContext http, PlanService service, CancellationToken ct)
    {
        var p = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/plans/{p.Id}", p);
    }

    public static async Task<Results<Ok<PlanDto>, NotFound>> UpdateAsync(int id, SavePlanRequest request, HttpContext http, PlanService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, HttpContext http, PlanService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<PlanDto>, NotFound>> SaveGoalAsync(int id, int? goalId, SaveGoalRequest request, HttpContext http, PlanService service, CancellationToken ct)
    {
        try
        {
            return await service.SaveGoalAsync(http.Scope(), id, goalId, request, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();
        }
        catch (PlanService.PlanPartNotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    public static async Task<Results<NoContent, NotFound>> DeleteGoalAsync(int id, int goalId, HttpContext http, PlanService service, CancellationToken ct) =>
        await service.DeleteGoalAsync(http.Scope(), id, goalId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<PlanDto>, NotFound>> SaveTaskAsync(int id, int? taskId, SavePlanTaskRequest request, HttpContext http, PlanService service, CancellationToken ct)
    {
        try
        {
            return await service.SaveTaskAsync(http.Scope(), id, taskId, request, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();
        }
        catch (PlanService.PlanPartNotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    /// DELETE /api/plans/{id}/tasks/{taskId}?version=N.
    public static async Task<Results<NoContent, NotFound>> DeleteTaskAsync(int id, int taskId, int? version, HttpContext http, PlanService service,
        CancellationToken ct) =>
        await service.DeleteTaskAsync(http.Scope(), id, taskId, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
