using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Activities;

public static class ActivityReviewEndpoints
{
    public static IEndpointRouteBuilder MapActivityReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var review = app.MapGroup("/api/activities/review").WithTags("Activities");
        review.MapGet("/", PendingAsync);
        review.MapGet("/sent-back", SentBackAsync);
        review.MapPost("/{id:long}/accept", AcceptAsync);
        review.MapPost("/{id:long}/correct", CorrectAsync);
        review.MapPost("/{id:long}/send-back", SendBackAsync);

        var rules = app.MapGroup("/api/activities/plausibility-rules").WithTags("Activities");
        rules.MapGet("/", RulesAsync);
        rules.MapPut("/{id:int}", SaveRuleAsync);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<ReviewItemDto>>> PendingAsync(HttpContext http, ActivityReviewService service, int? partnershipId, CancellationToken ct) =>
        TypedResults.Ok(await service.PendingAsync(http.Scope(), partnershipId, ct));

    public static async Task<Ok<IReadOnlyList<ReviewItemDto>>> SentBackAsync(HttpContext http, ActivityReviewService service, CancellationToken ct) =>
        TypedResults.Ok(await service.SentBackAsync(http.Scope(), ct));

    public static async Task<Results<NoContent, NotFound>> AcceptAsync(long id, ReviewDecisionRequest request, HttpContext http, ActivityReviewService service,
        CancellationToken ct) =>
        await service.AcceptAsync(http.Scope(), id, request, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> CorrectAsync(long id, ReviewCorrectionRequest request, HttpContext http, ActivityReviewService service,
        CancellationToken ct) =>
        await service.CorrectAsync(http.Scope(), id, request, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> SendBackAsync(long id, ReviewDecisionRequest request, HttpContext http, ActivityReviewService service,
        CancellationToken ct) =>
        await service.SendBackAsync(http.Scope(), id, request, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Ok<IReadOnlyList<PlausibilityRuleDto>>> RulesAsync(HttpContext http, ActivityReviewService service, CancellationToken ct) =>
        TypedResults.Ok(await service.RulesAsync(http.Scope(), ct));

    public static async Task<Results<Ok<PlausibilityRuleDto>, NotFound>> SaveRuleAsync(int id, SavePlausibilityRuleRequest request, HttpContext http,
        ActivityReviewService service, CancellationToken ct) =>
        await service.SaveRuleAsync(http.Scope(), id, request, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound();
}
