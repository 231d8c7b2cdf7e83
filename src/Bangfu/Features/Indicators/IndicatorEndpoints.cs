using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Indicators;

public static class IndicatorEndpoints
{
    public static IServiceCollection AddIndicators(this IServiceCollection services) => services.AddScoped<IndicatorService>();

    public static IEndpointRouteBuilder MapIndicatorEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/indicators").WithTags("Indicators");
        api.MapGet("/definitions", ListDefinitionsAsync);
        api.MapPost("/definitions", CreateDefinitionAsync);
        api.MapPut("/definitions/{id:int}", UpdateDefinitionAsync);
        api.MapDelete("/definitions/{id:int}", DeleteDefinitionAsync);
        api.MapGet("/values", SeriesAsync);
        api.MapPost("/values", SaveValuesAsync);
        api.MapPost("/values/import", ImportAsync);
        api.MapGet("/compare", CompareAsync);
        api.MapGet("/rules", ListRulesAsync);
        api.MapPost("/rules", CreateRuleAsync);
        api.MapPut("/rules/{id:int}", UpdateRuleAsync);
        api.MapDelete("/rules/{id:int}", DeleteRuleAsync);
        api.MapGet("/approval", GetApprovalAsync);
        api.MapPost("/approval", TransitionAsync);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<IndicatorDefinitionDto>>> ListDefinitionsAsync(IndicatorService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListDefinitionsAsync(ct));

    public static async Task<Created<IndicatorDefinitionDto>> CreateDefinitionAsync(SaveIndicatorDefinitionRequest request, HttpContext http, IndicatorService service, CancellationToken ct)
    {
        var d = await service.CreateDefinitionAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/indicators/definitions/{d.Id}", d);
    }

    public static async Task<Results<Ok<IndicatorDefinitionDto>, NotFound>> UpdateDefinitionAsync(int id, SaveIndicatorDefinitionRequest request, HttpContext http,
        IndicatorService service, CancellationToken ct) =>
        await service.UpdateDefinitionAsync(http.Scope(), id, request, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> DeleteDefinitionAsync(int id, HttpContext http, IndicatorService service, CancellationToken ct) =>
        await service.DeleteDefinitionAsync(http.Scope(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// GET /api/indicators/values?organizationId=&code=&from=2018-01&to=2018-12 (code optional; to defaults to from).
    public static async Task<Results<Ok<IReadOnlyList<IndicatorValueDto>>, NotFound>> SeriesAsync(HttpContext http, IndicatorService service, int? organizationId,
        string? code, string? from, string? to, CancellationToken ct)
    {
        var v = new Validation();
        if (organizationId is null)
            v.Add("organizationId", "Error.Required");
        if (!Period.TryParse(from, out var f))
            v.Add("from", "Indicators.BadPeriod");
        var t = f;
        if (to is not null && (!Period.TryParse(to, out t) || t.Type != f.Type))
            v.Add("to", "Indicators.BadPeriod");
        v.ThrowIfAny();
        return await service.SeriesAsync(http.Scope(), organizationId!.Value, code, f, t, ct) is { } rows ? TypedResults.Ok(rows) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<SaveValuesResult>, NotFound>> SaveValuesAsync(SaveValuesRequest request, HttpContext http, IndicatorService service, CancellationToken ct) =>
        await service.SaveValuesAsync(http.Scope(), request, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    /// A multipart upload with the workbook in the field "file" (columns 指标编码, 机构, 期间, 数值).
    public static async Task<Ok<ImportResult>> ImportAsync(HttpContext http, IndicatorService service, CancellationToken ct)
    {
        var file = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        if (file is null)
            new Validation().Add("file", "Error.Required").ThrowIfAny();
        // MiniExcel needs a seekable stream; the upload is capped at the API body limit.
        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return TypedResults.Ok(await service.ImportAsync(http.Scope(), buffer, ct));
    }

    /// GET /api/indicators/compare?organizationId=&period=2018&baseline=2017.
    public static async Task<Results<Ok<ComparisonDto>, NotFound>> CompareAsync(HttpContext http, IndicatorService service, int? organizationId,
        string? period, string? baseline, CancellationToken ct)
    {
        var v = new Validation();
        if (organizationId is null)
            v.Add("organizationId", "Error.Required");
        if (!Period.TryParse(period, out var p))
            v.Add("period", "Indicators.BadPeriod");
        if (!Period.TryParse(baseline, out var b) || b.Type != p.Type)
            v.Add("baseline", "Indicators.BadPeriod");
        v.ThrowIfAny();
        return await service.CompareAsync(http.Scope(), organizationId!.Value, p, b, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();
    }

    public static async Task<Ok<IReadOnlyList<ValidationRuleDto>>> ListRulesAsync(IndicatorService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListRulesAsync(ct));

    public static async Task<Created<ValidationRuleDto>> CreateRuleAsync(SaveValidationRuleRequest request, HttpContext http, IndicatorService service, CancellationToken ct)
    {
        var r = await service.CreateRuleAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/indicators/rules/{r.Id}", r);
    }

    public static async Task<Results<Ok<ValidationRuleDto>, NotFound>> UpdateRuleAsync(int id, SaveValidationRuleRequest request, HttpContext http,
        IndicatorService service, CancellationToken ct) =>
        await service.UpdateRuleAsync(http.Scope(), id, request, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    /// DELETE /api/indicators/rules/{id}?version=N.
    public static async Task<Results<NoContent, NotFound>> DeleteRuleAsync(int id, int? version, HttpContext http, IndicatorService service, CancellationToken ct) =>
        await service.DeleteRuleAsync(http.Scope(), id, version, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<ApprovalDto>, NotFound>> GetApprovalAsync(HttpContext http, IndicatorService service, int? organizationId, string? period, CancellationToken ct)
    {
        if (organizationId is null)
            new Validation().Add("organizationId", "Error.Required").ThrowIfAny();
        return await service.GetApprovalAsync(http.Scope(), organizationId!.Value, period, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<ApprovalDto>, NotFound>> TransitionAsync(ApprovalRequest request, HttpContext http, IndicatorService service, CancellationToken ct) =>
        await service.TransitionAsync(http.Scope(), request, ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound();
}
