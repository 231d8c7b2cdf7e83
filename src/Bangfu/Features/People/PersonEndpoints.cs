using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.People;

public static class PersonEndpoints
{
    public static IServiceCollection AddPeople(this IServiceCollection services) => services.AddScoped<PersonService>();

    public static IEndpointRouteBuilder MapPersonEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/people").WithTags("People");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    public static async Task<Ok<Page<PersonDto>>> ListAsync(HttpContext http, PersonService service, string? q, int? organizationId, int? departmentId,
        TitleLevel? titleLevel, int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), new PersonQuery(q, organizationId, departmentId, titleLevel),
            new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Results<Ok<PersonDto>, NotFound>> GetAsync(int id, HttpContext http, PersonService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public static async Task<Created<PersonDto>> CreateAsync(SavePersonRequest request, HttpContext http, PersonService service, CancellationToken ct)
    {
        var p = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/people/{p.Id}", p);
    }

    public static async Task<Results<Ok<PersonDto>, NotFound>> UpdateAsync(int id, SavePersonRequest request, HttpContext http, PersonService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, int? version, HttpContext http, PersonService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
