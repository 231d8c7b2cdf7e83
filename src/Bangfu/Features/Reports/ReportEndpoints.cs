using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Reports;

public static class ReportEndpoints
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddScoped<SummaryService>().AddSingleton<PdfConverter>();

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports");
        api.MapGet("/summary", SummaryAsync)
            .Produces<SummaryReport>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: DocxType)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        return app;
    }

    /// The 工作总结 of a partnership for whole months: json (figures and paragraphs), docx (editable), or pdf.
    public static async Task<Results<Ok<SummaryReport>, FileContentHttpResult, NotFound>> SummaryAsync(HttpContext http, SummaryService service,
        PdfConverter pdf, IStringLocalizer<SharedResource> t, int? partnershipId, DateOnly? from, DateOnly? to, string? format, CancellationToken ct)
    {
        var kind = (format ?? "json").Trim().ToLowerInvariant();
        var v = new Validation();
        if (kind is not ("json" or "docx" or "pdf"))
            v.Add("format", "Error.ReportFormat");
        else if (kind == "pdf" && !PdfConverter.IsAvailable)
            v.Add("format", "Error.PdfUnavailable");
        v.ThrowIfAny();

        if (await service.BuildAsync(http.Scope(), partnershipId, from, to, ct) is not { } report)
            return TypedResults.NotFound();
        if (kind == "json")
            return TypedResults.Ok(report);

        using var buffer = new MemoryStream();
        SummaryDocument.Write(report, t, buffer);
        var name = $"{report.Title}.{kind}";
        if (kind == "docx")
            return TypedResults.File(buffer.ToArray(), DocxType, name);
        var bytes = await pdf.ConvertAsync(buffer.ToArray(), ct) ?? throw new DomainRuleException("Error.PdfFailed");
        return TypedResults.File(bytes, "application/pdf", name);
    }
}
