using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Trainees;

public static class TraineeEndpoints
{
    public static IServiceCollection AddTrainees(this IServiceCollection services) => services.AddScoped<TraineeService>();

    public static IEndpointRouteBuilder MapTraineeEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/trainees").WithTags("Trainees");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    public static async Task<Ok<Page<TraineeDto>>> ListAsync(HttpContext http, TraineeService service, int? partnershipId, int? organizationId, TraineeKind? kind,
        DateOnly? from, DateOnly? to, int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), partnershipId, organizationId, kind, from, to, new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Results<Ok<TraineeDto>, NotFound>> GetAsync(int id, HttpContext http, TraineeService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    public static async Task<Created<TraineeSaved>> CreateAsync(SaveTraineeRequest request, HttpContext http, TraineeService service, CancellationToken ct)
    {
        var saved = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/trainees/{saved.Trainee.Id}", saved);
    }

    public static async Task<Results<Ok<TraineeSaved>, NotFound>> UpdateAsync(int id, SaveTraineeRequest request, HttpContext http, TraineeService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, HttpContext http, TraineeService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
