using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Files;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bangfu.Features.Referrals;

public static class ReferralEndpoints
{
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        var icd10 = configuration.GetSection("Bangfu:Icd10").Get<Icd10Options>() ?? new Icd10Options();
        services.AddSingleton(sp =>
        {
            var dir = icd10.LocalDir is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(Path.GetFullPath(sp.GetRequiredService<BangfuOptions>().DataDir), "icd10");
            var catalogue = Icd10Catalogue.Load(dir);
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger<Icd10Catalogue>();
            foreach (var f in catalogue.LocalFiles)
                log.LogInformation("ICD-10: {File} in {Dir}: {Loaded} detailed codes loaded, {Skipped} lines skipped", f.Name, dir, f.Loaded, f.Skipped);
            return catalogue;
        });
        services.AddScoped<ReferralService>();
        services.AddScoped<Transport.TransportService>();
        return services;
    }

    public static IEndpointRouteBuilder MapReferralEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/icd10", SearchIcd10).WithTags("Referrals");
        var api = app.MapGroup("/api/referrals").WithTags("Referrals");
        api.MapGet("/outgoing", OutgoingAsync);
        api.MapGet("/incoming", IncomingAsync);
        api.MapGet("/stats", StatsAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapPost("/{id:int}/submit", (int id, ReferralActionRequest? r, HttpContext http, ReferralService s, CancellationToken ct) => ActAsync(id, ReferralAction.Submit, r, http, s, ct));
        api.MapPost("/{id:int}/accept", (int id, ReferralActionRequest? r, HttpContext http, ReferralService s, CancellationToken ct) => ActAsync(id, ReferralAction.Accept, r, http, s, ct));
        api.MapPost("/{id:int}/reject", (int id, ReferralActionRequest? r, HttpContext http, ReferralService s, CancellationToken ct) => ActAsync(id, ReferralAction.Reject, r, http, s, ct));
        api.MapPost("/{id:int}/depart", (int id, ReferralActionRequest? r, HttpContext http, ReferralService s, CancellationToken ct) => ActAsync(id, ReferralAction.Depart, r, http, s, ct));
        api.MapPost("/{id:int}/receive", (int id, ReferralActionRequest? r, HttpContext http, ReferralService s, CancellationToken ct) => ActAsync(id, ReferralAction.Receive, r, http, s, ct));
        api.MapPost("/{id:int}/complete", (int id, ReferralActionRequest? r, HttpContext http, ReferralService s, CancellationToken ct) => ActAsync(id, ReferralAction.Complete, r, http, s, ct));
        api.MapPost("/{id:int}/cancel", (int id, ReferralActionRequest? r, HttpContext http, ReferralService s, CancellationToken ct) => ActAsync(id, ReferralAction.Cancel, r, http, s, ct));
        api.MapPost("/{id:int}/back-referral", BackReferralAsync);
        api.MapPost("/{id:int}/reveal-id", RevealAsync);
        api.MapGet("/{id:int}/attachments", ListAttachmentsAsync);
        api.MapPost("/{id:int}/attachments", AddAttachmentAsync).AcceptsUpload(FilePurpose.Clinical);
        api.MapGet("/{id:int}/attachments/{attachmentId:int}", DownloadAttachmentAsync);
        api.MapDelete("/{id:int}/attachments/{attachmentId:int}", RemoveAttachmentAsync);
        return app;
    }

    public static Ok<IReadOnlyList<Icd10Entry>> SearchIcd10(Icd10Catalogue catalogue, string? q) => TypedResults.Ok(catalogue.Search(q));

    public static async Task<Ok<Page<ReferralListItem>>> OutgoingAsync(HttpContext http, ReferralService service, ReferralStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.OutgoingAsync(http.Scope(), status, new PageRequest(page ?? 1, pageSize ?? 20), ct));

    public static async Task<Ok<Page<ReferralListItem>>> IncomingAsync(HttpContext http, ReferralService service, ReferralStatus? status, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.IncomingAsync(http.Scope(), status, new PageRequest(page ?? 1, pageSize ?? 20), ct));

    public static async Task<Ok<ReferralStats>> StatsAsync(HttpContext http, ReferralService service, DateOnly? from, DateOnly? to, int? organizationId, string? regionCode, CancellationToken ct) =>
        TypedResults.Ok(await service.StatsAsync(http.Scope(), from, to, organizationId, regionCode, ct));

    public static async Task<Results<Ok<ReferralDto>, NotFound>> GetAsync(int id, HttpContext http, ReferralService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Created<ReferralDto>> CreateAsync(SaveReferralRequest request, HttpContext http, ReferralService service, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/referrals/{r.Id}", r);
    }

    public static async Task<Results<Ok<ReferralDto>, NotFound>> UpdateAsync(int id, SaveReferralRequest request, HttpContext http, ReferralService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<ReferralDto>, NotFound>> ActAsync(int id, ReferralAction action, ReferralActionRequest? request, HttpContext http, ReferralService service, CancellationToken ct) =>
        await service.ActAsync(http.Scope(), id, action, request ?? new ReferralActionRequest(), ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Created<ReferralDto>, NotFound>> BackReferralAsync(int id, BackReferralRequest request, HttpContext http, ReferralService service, CancellationToken ct) =>
        await service.CreateBackReferralAsync(http.Scope(), id, request, ct) is { } r ? TypedResults.Created($"/api/referrals/{r.Id}", r) : TypedResults.NotFound();

    public static async Task<Results<Ok<RevealedIdNumber>, NotFound>> RevealAsync(int id, HttpContext http, ReferralService service, CancellationToken ct) =>
        await service.RevealIdNumberAsync(http.Scope(), id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<AttachmentDto>>, NotFound>> ListAttachmentsAsync(int id, HttpContext http, ReferralService service, CancellationToken ct) =>
        await service.ListAttachmentsAsync(http.Scope(), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<Created<AttachmentDto>, NotFound>> AddAttachmentAsync(int id, IFormFile? file, [FromForm] AttachmentCategory? category,
        [FromForm] string? note, HttpContext http, ReferralService service, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var added = await service.AddAttachmentAsync(http.Scope(), id, file?.FileName, content, category, note, ct);
        return added is null ? TypedResults.NotFound() : TypedResults.Created($"/api/referrals/{id}/attachments/{added.Id}", added);
    }

    public static async Task<IResult> DownloadAttachmentAsync(int id, int attachmentId, HttpContext http, ReferralService service, FileStore files, CancellationToken ct) =>
        await service.FindAttachmentFileAsync(http.Scope(), id, attachmentId, ct) is { } file ? await files.DownloadAsync(file, ct) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> RemoveAttachmentAsync(int id, int attachmentId, HttpContext http, ReferralService service, CancellationToken ct) =>
        await service.RemoveAttachmentAsync(http.Scope(), id, attachmentId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
