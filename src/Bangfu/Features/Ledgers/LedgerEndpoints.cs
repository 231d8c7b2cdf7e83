using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bangfu.Features.Ledgers;

public static class LedgerEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddLedgers(this IServiceCollection services) =>
        services.AddScoped<LedgerWorkbook>().AddScoped<LedgerService>();

    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports");
        api.MapGet("/ledger", LedgerAsync);
        return app;
    }

    /// The 台账 workbook of one scope and period: one sheet per ledger plus a summary, streamed from a temporary file.
    public static async Task<Results<FileStreamHttpResult, NotFound>> LedgerAsync(HttpContext http, LedgerService service, int? partnershipId,
        int? organizationId, string? regionCode, string? from, string? to, string? format, string? ledgers, CancellationToken ct)
    {
        var file = await service.BuildAsync(http.Scope(), new LedgerQuery(partnershipId, organizationId, regionCode, from, to, format, ledgers), ct);
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, XlsxContentType, file.FileName);
    }
}
