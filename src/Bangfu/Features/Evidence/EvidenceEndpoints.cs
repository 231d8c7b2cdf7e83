using System.Globalization;
using Bangfu.Common;
using Bangfu.Features.Files;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Evidence;

public static class EvidenceEndpoints
{
    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddScoped<EvidenceService>();
        return services;
    }

    /// The record's kind is the first path segment as the records' own APIs name it: /api/evidence/dispatches/12.
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/evidence").WithTags("Evidence");
        api.MapGet("/{kind}/{recordId:long}", ListAsync);
        api.MapPost("/{kind}/{recordId:long}", AddAsync).AcceptsUpload(FilePurpose.Evidence);
        api.MapGet("/{kind}/{recordId:long}/{evidenceId:int}", DownloadAsync);
        api.MapDelete("/{kind}/{recordId:long}/{evidenceId:int}", RemoveAsync);
        var partnerships = app.MapGroup("/api/partnerships").WithTags("Evidence");
        partnerships.MapGet("/{id:int}/evidence", ListForPartnershipAsync);
        partnerships.MapGet("/{id:int}/evidence/archive", ArchiveAsync);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<EvidenceDto>>, NotFound>> ListAsync(string kind, long recordId, HttpContext http,
        EvidenceService service, CancellationToken ct) =>
        EvidenceService.ParseKind(kind) is { } k && await service.ListAsync(http.Scope(), k, recordId, ct) is { } list
            ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<Created<EvidenceDto>, NotFound>> AddAsync(string kind, long recordId, IFormFile? file,
        [FromForm] EvidenceCategory? category, [FromForm] string? note, HttpContext http, EvidenceService service, CancellationToken ct)
    {
        if (EvidenceService.ParseKind(kind) is not { } k)
            return TypedResults.NotFound();
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var added = await service.AddAsync(http.Scope(), k, recordId, file?.FileName, content, category, note, ct);
        return added is null ? TypedResults.NotFound() : TypedResults.Created($"/api/evidence/{kind}/{recordId}/{added.Id}", added);
    }

    public static async Task<IResult> DownloadAsync(string kind, long recordId, int evidenceId, HttpContext http, EvidenceService service,
        FileStore files, CancellationToken ct) =>
        EvidenceService.ParseKind(kind) is { } k && await service.FindFileAsync(http.Scope(), k, recordId, evidenceId, ct) is { } file
            ? await files.DownloadAsync(file, ct) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> RemoveAsync(string kind, long recordId, int evidenceId, HttpContext http,
        EvidenceService service, CancellationToken ct) =>
        EvidenceService.ParseKind(kind) is { } k && await service.RemoveAsync(http.Scope(), k, recordId, evidenceId, ct)
            ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<PartnershipEvidenceDto>, NotFound>> ListForPartnershipAsync(int id, string? ledger, DateOnly? from,
        DateOnly? to, HttpContext http, EvidenceService service, CancellationToken ct)
    {
        EvidenceRecordKind? kind = null;
        if (ledger is { Length: > 0 })
        {
            if (EvidenceService.ParseKind(ledger) is not { } k)
            {
                new Validation().Add("ledger", "Evidence.Error.UnknownLedger").ThrowIfAny();
                return TypedResults.NotFound();
            }
            kind = k;
        }
        return await service.ListForPartnershipAsync(http.Scope(), id, kind, from, to, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();
    }

    /// The partnership's evidence of the period as one ZIP, a folder per ledger, streamed as it is written.
    public static async Task<IResult> ArchiveAsync(int id, DateOnly? from, DateOnly? to, HttpContext http, EvidenceService service,
        FileStore files, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var entries = await service.ArchiveAsync(http.Scope(), id, from, to, k => text[$"Evidence.Folder.{k}"], ct);
        if (entries is null)
            return TypedResults.NotFound();
        var period = (from, to) switch
        {
            (null, null) => "all",
            _ => $"{from?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "start"}-{to?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "today"}",
        };
        // .NET's ZipArchive still writes some headers synchronously on a stream that cannot seek (the response).
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
            body.AllowSynchronousIO = true;
        return TypedResults.Stream(output => EvidenceArchive.WriteAsync(output, entries, files, ct), "application/zip",
            $"evidence-partnership-{id}-{period}.zip");
    }
}
