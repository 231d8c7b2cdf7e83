using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Compliance;

public static class ComplianceEndpoints
{
    public static IServiceCollection AddCompliance(this IServiceCollection services) => services.AddScoped<ComplianceService>();

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/partnerships/{id:int}").WithTags("Compliance");
        api.MapGet("/compliance", EvaluateAsync);
        api.MapGet("/compliance-rules", GetRulesAsync);
        api.MapPut("/compliance-rules", SaveRulesAsync);
        return app;
    }

    public static async Task<Results<Ok<ComplianceReport>, NotFound>> EvaluateAsync(int id, int? year, HttpContext http, ComplianceService service, TimeProvider clock, CancellationToken ct) =>
        await service.EvaluateAsync(http.Scope(), id, year ?? clock.GetLocalNow().Year, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<RuleSetDto>, NotFound>> GetRulesAsync(int id, HttpContext http, ComplianceService service, CancellationToken ct) =>
        await service.GetRulesAsync(http.Scope(), id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<RuleSetDto>, NotFound>> SaveRulesAsync(int id, SaveRuleSetRequest request, HttpContext http, ComplianceService service, CancellationToken ct) =>
        await service.SaveRulesAsync(http.Scope(), id, request, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();
}
