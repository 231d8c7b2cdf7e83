using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Techniques;

public static class TechniqueEndpoints
{
    public static IServiceCollection AddTechniques(this IServiceCollection services) => services.AddScoped<TechniqueService>();

    public static IEndpointRouteBuilder MapTechniqueEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/techniques").WithTags("Techniques");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    public static async Task<Ok<Page<TechniqueDto>>> ListAsync(HttpContext http, TechniqueService service, int? partnershipId, int? organizationId,
        DateOnly? from, DateOnly? to, int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), partnershipId, organizationId, from, to, new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Results<Ok<TechniqueDto>, NotFound>> GetAsync(int id, HttpContext http, TechniqueService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    public static async Task<Created<TechniqueDto>> CreateAsync(SaveTechniqueRequest request, HttpContext http, TechniqueService service, CancellationToken ct)
    {
        var t = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/techniques/{t.Id}", t);
    }

    public static async Task<Results<Ok<TechniqueDto>, NotFound>> UpdateAsync(int id, SaveTechniqueRequest request, HttpContext http, TechniqueService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, HttpContext http, TechniqueService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
