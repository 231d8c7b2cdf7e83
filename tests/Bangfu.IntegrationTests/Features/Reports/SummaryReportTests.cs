using System.Net;
using System.Net.Http.Headers;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Reports;
using Bangfu.Features.Techniques;
using Bangfu.Features.Trainees;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Bangfu.IntegrationTests.Features.Reports;

public sealed class SummaryReportTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private const string FirstHalf = "from=2024-01-01&to=2024-06-30";

    /// Two experts (one stationed all half-year in batch 1, one three-day visit), a month of work, a new technique,
    /// a trainee and a course, all inside the first half of 2024; and records outside it that must not count.
    private static async Task<LedgerSetup> LedgerAsync(HttpClient admin)
    {
        var s = await WorkLedger.SetUpAsync(admin);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30)));
        var visitor = await admin.CreatePersonAsync(s.SupportingId);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 3), DispatchMode.ShortVisit, visitor.Id, batch: null));
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 8, 1), new DateOnly(2024, 8, 3), DispatchMode.ShortVisit, visitor.Id, batch: null));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 2), 5, ActivityUnit.Tai));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, new DateOnly(2024, 3, 2), 1, ActivityUnit.Chang, attendees: 60));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 7, 2), 9, ActivityUnit.Tai));
        var technique = await admin.PostJsonAsync("/api/techniques", new SaveTechniqueRequest(s.PartnershipId, s.SupportedId, s.HostDepartmentId, "床旁血液净化",
            3, new DateOnly(2024, 4, 8), s.ExpertId, GapLevel.County));
        Assert.Equal(HttpStatusCode.Created, technique.StatusCode);
        var trainee = await admin.CreatePersonAsync(s.SupportedId);
        var mentor = await admin.CreatePersonAsync(s.SupportingId, level: Bangfu.Features.People.TitleLevel.Senior);
        var study = await admin.PostJsonAsync("/api/trainees", new SaveTraineeRequest(s.PartnershipId, trainee.Id, TraineeKind.FurtherStudy, s.SupportingId, null,
            mentor.Id, new DateOnly(2024, 5, 6), new DateOnly(2024, 11, 5)));
        Assert.Equal(HttpStatusCode.Created, study.StatusCode);
        return s;
    }

    [Fact]
    public async Task The_json_summary_states_the_figures_of_the_records_and_the_paragraphs_made_from_them()
    {
        var admin = await app.AdminAsync();
        var s = await LedgerAsync(admin);
        var report = await (await admin.GetAsync($"/api/reports/summary?partnershipId={s.PartnershipId}&{FirstHalf}&format=json")).ReadAsync<SummaryReport>();

        Assert.Equal("2024年上半年", report.PeriodText);
        Assert.Equal(new DispatchFigures(1, 2, 2, 1, 1, 182, []), report.Dispatches with { Specialties = [] });
        Assert.Equal([(ActivityKind.Surgery, 5L, 0L), (ActivityKind.Lecture, 1L, 60L)], report.Activities.Select(a => (a.Kind, a.Quantity, a.Attendees)));
        Assert.Equal("床旁血液净化", Assert.Single(report.Techniques).Name);
        Assert.Equal(1, report.Training.Trainees);

        var text = string.Join("\n", report.Sections.SelectMany(x => x.Paragraphs));
        Assert.Contains("共派出专家2名、2人次（1个批次），其中驻点专家1名、累计驻点182天，短期指导和巡回1人次", text, StringComparison.Ordinal);
        Assert.Contains("开展手术5台", text, StringComparison.Ordinal);
        Assert.Contains("举办学术讲座/业务培训1场，培训60人次", text, StringComparison.Ordinal);
        Assert.Contains("床旁血液净化等新技术新项目1项，其中填补区域空白1项", text, StringComparison.Ordinal);
        Assert.Contains("接收进修、培训人员1名（进修1名）", text, StringComparison.Ordinal);
        // July's 9 surgeries must not be counted (5 + 9 = 14); looked for as a number of its own, the hospital names being hex.
        Assert.DoesNotMatch(@"(?<![0-9A-Za-z])14(?![0-9A-Za-z])", text);

        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/summary?partnershipId={s.PartnershipId}&{FirstHalf}");
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var en = await (await admin.SendAsync(english)).ReadAsync<SummaryReport>();
        Assert.Equal("the first half of 2024", en.PeriodText);
        Assert.Contains(en.Sections.SelectMany(x => x.Paragraphs), p => p.Contains("performed 5 surgeries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_docx_is_a_word_document_with_the_text_a_table_a_chart_and_page_numbers()
    {
        var admin = await app.AdminAsync();
        var s = await LedgerAsync(admin);
        var response = await admin.GetAsync($"/api/reports/summary?partnershipId={s.PartnershipId}&{FirstHalf}&format=docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportEndpoints.DocxType, response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".docx", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        var main = doc.MainDocumentPart!;
        var text = main.Document.Body!.InnerText;
        Assert.Contains("2024年上半年工作总结", text, StringComparison.Ordinal);
        Assert.Contains("开展手术5台", text, StringComparison.Ordinal);
        var table = Assert.Single(main.Document.Body.Elements<Table>());
        Assert.Equal(3, table.Elements<TableRow>().Count());
        Assert.Single(main.ImageParts);
        var footer = Assert.Single(main.FooterParts).Footer.Descendants<SimpleField>().Select(f => f.Instruction!.Value!.Trim());
        Assert.Equal(["PAGE", "NUMPAGES"], footer);
        var fonts = main.StyleDefinitionsPart!.Styles!.Descendants<RunFonts>().First();
        Assert.Contains("CJK", fonts.EastAsia!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_is_made_by_libreoffice()
    {
        Assert.True(PdfConverter.IsAvailable, "test.sh installs libreoffice-writer-nogui; the PDF path is tested for real");
        var admin = await app.AdminAsync();
        var s = await LedgerAsync(admin);
        var response = await admin.GetAsync($"/api/reports/summary?partnershipId={s.PartnershipId}&{FirstHalf}&format=pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Theory]
    [InlineData("from=2024-01-01&to=2024-06-30", "partnershipId")]
    [InlineData("partnershipId=1&from=2024-01-02&to=2024-06-30", "from")]
    [InlineData("partnershipId=1&from=2024-01-01&to=2024-06-29", "to")]
    [InlineData("partnershipId=1&from=2024-06-01&to=2024-01-31", "to")]
    [InlineData("partnershipId=1&from=2014-01-01&to=2024-12-31", "to")]
    [InlineData("partnershipId=1&to=2024-12-31", "from")]
    [InlineData("partnershipId=1&from=2024-01-01&to=2024-06-30&format=xls", "format")]
    [InlineData("partnershipId=1&from=yesterday&to=2024-06-30", "from")]
    public async Task Bad_input_gets_field_errors(string query, string field)
    {
        var admin = await app.AdminAsync();
        await (await admin.GetAsync($"/api/reports/summary?{query}")).FieldErrorAsync(field);
    }

    [Fact]
    public async Task A_hospital_outside_the_partnership_gets_404_and_the_commission_reads_its_region()
    {
        var admin = await app.AdminAsync();
        var s = await LedgerAsync(admin);
        var url = $"/api/reports/summary?partnershipId={s.PartnershipId}&{FirstHalf}";
        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url + "&format=docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/reports/summary?partnershipId=999999&{FirstHalf}")).StatusCode);

        var commission = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "510000", kind: Bangfu.Features.Organizations.OrganizationKind.HealthCommission)).Id);
        Assert.Equal(2, (await (await commission.GetAsync(url)).ReadAsync<SummaryReport>()).Dispatches.Persons);
        var elsewhere = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "330000", kind: Bangfu.Features.Organizations.OrganizationKind.HealthCommission)).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(url)).StatusCode);

        // An expert of a party reads the summary (sums, no one else's entries); nobody signed out does.
        var expert = await app.ExpertAsync(admin, s.SupportingId, s.ExpertId);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(url)).StatusCode);
    }
}
