using Bangfu.Common;
using Bangfu.Features.Files;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bangfu.Features.Consultations;

public static class ConsultationEndpoints
{
    public static IServiceCollection AddConsultations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Bangfu:Consultations").Get<ConsultationOptions>() ?? new ConsultationOptions());
        services.AddScoped<ConsultationService>();
        services.AddScoped<ConsultationStatistics>();
        return services;
    }

    public static IEndpointRouteBuilder MapConsultationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/consultations").WithTags("Consultations");
        api.MapGet("/", ListAsync);
        api.MapGet("/stats", StatsAsync);
        api.MapGet("/{id:int}", GetAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id:int}", UpdateAsync);
        api.MapPost("/{id:int}/submit", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.Submit, r, h, s, ct));
        api.MapPost("/{id:int}/accept", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.Accept, r, h, s, ct));
        api.MapPost("/{id:int}/return", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.Return, r, h, s, ct));
        api.MapPost("/{id:int}/decline", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.Decline, r, h, s, ct));
        api.MapPost("/{id:int}/schedule", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.Schedule, r, h, s, ct));
        api.MapPost("/{id:int}/session/start", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.StartSession, r, h, s, ct));
        api.MapPost("/{id:int}/session/end", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.EndSession, r, h, s, ct));
        api.MapPut("/{id:int}/opinion-draft", SaveOpinionDraftAsync);
        api.MapPost("/{id:int}/opinion", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.SignOpinion, r, h, s, ct));
        api.MapPost("/{id:int}/file", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.File, r, h, s, ct));
        api.MapPost("/{id:int}/rate", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.Rate, r, h, s, ct));
        api.MapPost("/{id:int}/cancel", (int id, ConsultationActionRequest r, HttpContext h, ConsultationService s, CancellationToken ct) => ActAsync(id, ConsultationAction.Cancel, r, h, s, ct));
        api.MapGet("/{id:int}/patient/id-number", RevealIdNumberAsync);
        api.MapGet("/{id:int}/attachments", ListAttachmentsAsync);
        api.MapPost("/{id:int}/attachments", AddAttachmentAsync).AcceptsUpload(FilePurpose.Clinical);
        api.MapGet("/{id:int}/attachments/{attachmentId:int}", DownloadAttachmentAsync);
        api.MapDelete("/{id:int}/attachments/{attachmentId:int}", RemoveAttachmentAsync);
        return app;
    }

    public static async Task<Ok<Page<ConsultationListItem>>> ListAsync(HttpContext http, ConsultationService service, ConsultationSide? direction,
        ConsultationState? state, ConsultationType? type, int? page, int? pageSize, string? sort, bool? desc, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Scope(), new ConsultationQuery(direction, state, type), new PageRequest(page ?? 1, pageSize ?? 20, sort, desc ?? false), ct));

    public static async Task<Ok<ConsultationStatsDto>> StatsAsync(HttpContext http, ConsultationStatistics stats, DateOnly? from, DateOnly? to,
        int? organizationId, string? regionCode, CancellationToken ct) =>
        TypedResults.Ok(await stats.GetAsync(http.Scope(), from, to, organizationId, regionCode, ct));

    public static async Task<Results<Ok<ConsultationDto>, NotFound>> GetAsync(int id, HttpContext http, ConsultationService service, CancellationToken ct) =>
        await service.GetAsync(http.Scope(), id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    public static async Task<Created<ConsultationDto>> CreateAsync(SaveConsultationRequest request, HttpContext http, ConsultationService service, CancellationToken ct)
    {
        var c = await service.CreateAsync(http.Scope(), request, ct);
        return TypedResults.Created($"/api/consultations/{c.Id}", c);
    }

    public static async Task<Results<Ok<ConsultationDto>, NotFound>> SaveOpinionDraftAsync(int id, OpinionDraftRequest request, HttpContext http, ConsultationService service, CancellationToken ct) =>
        await service.SaveOpinionDraftAsync(http.Scope(), id, request, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    public static async Task<Results<Ok<ConsultationDto>, NotFound>> UpdateAsync(int id, SaveConsultationRequest request, HttpContext http, ConsultationService service, CancellationToken ct) =>
        await service.UpdateAsync(http.Scope(), id, request, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    public static async Task<Results<Ok<ConsultationDto>, NotFound>> ActAsync(int id, ConsultationAction action, ConsultationActionRequest request, HttpContext http,
        ConsultationService service, CancellationToken ct) =>
        await service.ActAsync(http.Scope(), id, action, request, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    public static async Task<Results<Ok<IdNumberDto>, NotFound>> RevealIdNumberAsync(int id, HttpContext http, ConsultationService service, CancellationToken ct) =>
        await service.RevealIdNumberAsync(http.Scope(), id, ct) is { } n ? TypedResults.Ok(n) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<AttachmentDto>>, NotFound>> ListAttachmentsAsync(int id, HttpContext http, ConsultationService service, CancellationToken ct) =>
        await service.ListAttachmentsAsync(http.Scope(), id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<Results<Created<AttachmentDto>, NotFound>> AddAttachmentAsync(int id, IFormFile? file, [FromForm] AttachmentCategory? category,
        [FromForm] string? note, HttpContext http, ConsultationService service, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var added = await service.AddAttachmentAsync(http.Scope(), id, file?.FileName, content, category, note, ct);
        return added is null ? TypedResults.NotFound() : TypedResults.Created($"/api/consultations/{id}/attachments/{added.Id}", added);
    }

    public static async Task<IResult> DownloadAttachmentAsync(int id, int attachmentId, HttpContext http, ConsultationService service, FileStore files, CancellationToken ct) =>
        await service.FindAttachmentFileAsync(http.Scope(), id, attachmentId, ct) is { } file ? await files.DownloadAsync(file, ct) : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> RemoveAttachmentAsync(int id, int attachmentId, HttpContext http, ConsultationService service, CancellationToken ct) =>
        await service.RemoveAttachmentAsync(http.Scope(), id, attachmentId, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
