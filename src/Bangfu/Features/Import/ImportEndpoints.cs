using Bangfu.Common;
using Bangfu.Features.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Import;

public static class ImportEndpoints
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddSingleton<Activities.ActivityWords>();
        services.AddSingleton<ActivityImport>();
        services.AddScoped<ImportService>();
        return services;
    }

    /// /api/partnerships/{id}/imports/activities takes a workbook and answers its preview; /api/imports/{id}/commit
    /// writes it.
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var partnerships = app.MapGroup("/api/partnerships").WithTags("Imports");
        partnerships.MapGet("/{id:int}/imports", ListAsync);
        partnerships.MapPost("/{id:int}/imports/{kind}", UploadAsync).AcceptsUpload(FilePurpose.Import);
        partnerships.MapGet("/{id:int}/imports/{kind}/template", TemplateAsync);
        var imports = app.MapGroup("/api/imports").WithTags("Imports");
        imports.MapGet("/{id:long}", GetAsync);
        imports.MapPost("/{id:long}/commit", CommitAsync);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ImportBatchDto>>, NotFound>> ListAsync(int id, HttpContext http, ImportService service, CancellationToken ct) =>
        await service.ListAsync(http.Scope(), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<Created<ImportPreviewDto>, NotFound>> UploadAsync(int id, string kind, IFormFile? file, HttpContext http,
        ImportService service, CancellationToken ct)
    {
        if (ImportService.ParseKind(kind) is not { } k)
            return TypedResults.NotFound();
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var preview = await service.UploadAsync(http.Scope(), id, k, file?.FileName, content, ct);
        return preview is null ? TypedResults.NotFound() : TypedResults.Created($"/api/imports/{preview.Batch.Id}", preview);
    }

    public static async Task<IResult> TemplateAsync(int id, string kind, HttpContext http, ImportService service, CancellationToken ct) =>
        ImportService.ParseKind(kind) is { } k && await service.TemplateAsync(http.Scope(), id, k, ct) is { } bytes
            ? TypedResults.File(bytes, FileRules.Xlsx.ContentType, $"import-{kind.ToLowerInvariant()}-template.xlsx")
            : TypedResults.NotFound();

    public static async Task<Results<Ok<ImportPreviewDto>, NotFound>> GetAsync(long id, HttpContext http, ImportService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } preview ? TypedResults.Ok(preview) : TypedResults.NotFound();

    public static async Task<Results<Ok<ImportBatchDto>, NotFound>> CommitAsync(long id, HttpContext http, ImportService service, CancellationToken ct) =>
        await service.CommitAsync(http.Scope(), id, ct) is { } batch ? TypedResults.Ok(batch) : TypedResults.NotFound();
}
