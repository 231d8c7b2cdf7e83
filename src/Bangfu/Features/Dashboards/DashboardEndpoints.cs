using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Dashboards;

public static class DashboardEndpoints
{
    public static IServiceCollection AddDashboards(this IServiceCollection services) => services.AddScoped<DashboardService>().AddScoped<DashboardKpiService>();

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dashboards").WithTags("Dashboards");
        api.MapGet("/partnerships/{id:int}", (int id, int? year, HttpContext http, DashboardService s, TimeProvider clock, CancellationToken ct) =>
            GetAsync(http, s, DashboardLevel.Partnership, id, null, year ?? clock.GetLocalNow().Year, ct));
        api.MapGet("/organizations/{id:int}", (int id, int? year, HttpContext http, DashboardService s, TimeProvider clock, CancellationToken ct) =>
            GetAsync(http, s, DashboardLevel.Organization, id, null, year ?? clock.GetLocalNow().Year, ct));
        api.MapGet("/regions/{code}", (string code, int? year, HttpContext http, DashboardService s, TimeProvider clock, CancellationToken ct) =>
            GetAsync(http, s, DashboardLevel.Region, null, code, year ?? clock.GetLocalNow().Year, ct));
        // KPI trends against baseline and target, and goals with their status: scoped exactly like the dashboards.
        api.MapGet("/partnerships/{id:int}/kpis", (int id, int? year, HttpContext http, DashboardKpiService s, TimeProvider clock, CancellationToken ct) =>
            KpisAsync(http, s, DashboardLevel.Partnership, id, null, year ?? clock.GetLocalNow().Year, ct));
        api.MapGet("/organizations/{id:int}/kpis", (int id, int? year, HttpContext http, DashboardKpiService s, TimeProvider clock, CancellationToken ct) =>
            KpisAsync(http, s, DashboardLevel.Organization, id, null, year ?? clock.GetLocalNow().Year, ct));
        api.MapGet("/regions/{code}/kpis", (string code, int? year, HttpContext http, DashboardKpiService s, TimeProvider clock, CancellationToken ct) =>
            KpisAsync(http, s, DashboardLevel.Region, null, code, year ?? clock.GetLocalNow().Year, ct));
        return app;
    }

    private static async Task<Results<Ok<DashboardDto>, NotFound>> GetAsync(HttpContext http, DashboardService service, DashboardLevel level, int? id,
        string? region, int year, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), level, id, region, year, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    private static async Task<Results<Ok<DashboardKpisDto>, NotFound>> KpisAsync(HttpContext http, DashboardKpiService service, DashboardLevel level, int? id,
        string? region, int year, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), level, id, region, year, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();
}
