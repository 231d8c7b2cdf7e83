using Bangfu.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Bangfu.Features.Reports;

public static class ReportEndpoints
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddScoped<SummaryService>().AddScoped<RegionSummaryService>().AddSingleton<PdfConverter>();

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports");
        api.MapGet("/summary", SummaryAsync)
            .Produces<SummaryReport>(StatusCodes.Status200OK, "application/json")
            .Produces<RegionSummaryReport>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: DocxType)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        return app;
    }

    /// The 工作总结 of a partnership or of a region (exactly one of the two) for whole months: json (figures and
    /// paragraphs), docx (editable), or pdf.
    public static async Task<Results<Ok<SummaryReport>, Ok<RegionSummaryReport>, FileContentHttpResult, NotFound>> SummaryAsync(HttpContext http,
        SummaryService service, RegionSummaryService regions, PdfConverter pdf, IStringLocalizer<SharedResource> t, int? partnershipId, string? regionCode,
        DateOnly? from, DateOnly? to, string? format, CancellationToken ct)
    {
        var kind = (format ?? "json").Trim().ToLowerInvariant();
        var v = new Validation();
        if (kind is not ("json" or "docx" or "pdf"))
            v.Add("format", "Error.ReportFormat");
        else if (kind == "pdf" && !PdfConverter.IsAvailable)
            v.Add("format", "Error.PdfUnavailable");
        if (partnershipId is not null && regionCode is not null)
            v.Add("regionCode", "I4r.PartnershipOrRegion");
        else if (partnershipId is null && regionCode is null)
            v.Add("partnershipId", "I4r.PartnershipOrRegion").Add("regionCode", "I4r.PartnershipOrRegion");
        v.ThrowIfAny();

        using var buffer = new MemoryStream();
        string title;
        if (regionCode is not null)
        {
            if (await regions.BuildAsync(http.Scope(), regionCode, from, to, ct) is not { } region)
                return TypedResults.NotFound();
            if (kind == "json")
                return TypedResults.Ok(region);
            SummaryDocument.Write(region, t, buffer);
            title = region.Title;
        }
        else
        {
            if (await service.BuildAsync(http.Scope(), partnershipId, from, to, ct) is not { } report)
                return TypedResults.NotFound();
            if (kind == "json")
                return TypedResults.Ok(report);
            SummaryDocument.Write(report, t, buffer);
            title = report.Title;
        }

        var name = $"{title}.{kind}";
        if (kind == "docx")
            return TypedResults.File(buffer.ToArray(), DocxType, name);
        var bytes = await pdf.ConvertAsync(buffer.ToArray(), ct) ?? throw new DomainRuleException("Error.PdfFailed");
        return TypedResults.File(bytes, "application/pdf", name);
    }
}
