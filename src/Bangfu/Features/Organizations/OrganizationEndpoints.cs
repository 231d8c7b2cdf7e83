using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Organizations;

public static class OrganizationEndpoints
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services) =>
        services.AddScoped<OrganizationService>();

    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organizations").WithTags("Organizations");
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/proposals", ProposalsAsync);
        api.MapPost("/{id:int}/accept", AcceptAsync);
        api.MapPost("/{id:int}/decline", DeclineAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapDelete("/{id:int}", DeleteAsync);
        api.MapPost("/{id:int}/departments", AddDepartmentAsync);
        api.MapPut("/{id:int}/departments/{departmentId:int}", UpdateDepartmentAsync);
        api.MapDelete("/{id:int}/departments/{departmentId:int}", DeleteDepartmentAsync);
        return app;
    }

    public static async Task<Ok<Page<OrganizationListItem>>> ListAsync(
        HttpContext http, OrganizationService service, string? q, OrganizationKind? kind, HospitalGrade? grade, string? regionPrefix,
        int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), new OrganizationQuery(q, kind, grade, regionPrefix),
            new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Results<Ok<OrganizationDto>, NotFound>> GetAsync(int id, HttpContext http, OrganizationService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } org ? TypedResults.Ok(org) : TypedResults.NotFound();

    public static async Task<Created<OrganizationDto>> CreateAsync(SaveOrganizationRequest request, HttpContext http, OrganizationService service, CancellationToken ct)
    {
        var org = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/organizations/{org.Id}", org);
    }

    public static async Task<Ok<IReadOnlyList<OrganizationProposal>>> ProposalsAsync(HttpContext http, OrganizationService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ProposalsAsync(http.Scope(), ct));

    public static async Task<Results<Ok<OrganizationDto>, NotFound>> AcceptAsync(int id, DecideOrganizationRequest request, HttpContext http, OrganizationService service, CancellationToken ct) =>
        await service.AcceptAsync(http.Scope(), id, request.Version, ct) is { } org ? TypedResults.Ok(org) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeclineAsync(int id, DecideOrganizationRequest request, HttpContext http, OrganizationService service, CancellationToken ct) =>
        await service.DeclineAsync(http.Scope(), id, request.Version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<OrganizationDto>, NotFound>> UpdateAsync(int id, SaveOrganizationRequest request, HttpContext http, OrganizationService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } org ? TypedResults.Ok(org) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(int id, int? version, HttpContext http, OrganizationService service, CancellationToken ct) =>
        await service.DeleteAsync(http.Scope(), id, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Created<DepartmentDto>, NotFound>> AddDepartmentAsync(int id, SaveDepartmentRequest request, HttpContext http, OrganizationService service, CancellationToken ct) =>
        await service.AddDepartmentAsync(http.Scope(), id, request, ct) is { } d
            ? TypedResults.Created($"/api/organizations/{id}/departments/{d.Id}", d)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<DepartmentDto>, NotFound>> UpdateDepartmentAsync(int id, int departmentId, SaveDepartmentRequest request, HttpContext http, OrganizationService service, CancellationToken ct) =>
        await service.UpdateDepartmentAsync(http.Scope(), id, departmentId, request, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteDepartmentAsync(int id, int departmentId, HttpContext http, OrganizationService service, CancellationToken ct) =>
        await service.DeleteDepartmentAsync(http.Scope(), id, departmentId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
