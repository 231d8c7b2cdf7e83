using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Demo;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Plans;
using Bangfu.Features.Reports;
using Bangfu.Features.Techniques;
using Bangfu.Features.Trainees;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Features.Reports;

/// The region summary of the demo data (Sichuan, 2018: the trusteeship of seed 004) against sums computed here, one
/// partnership at a time, through the ordinary list and total endpoints.
public sealed class RegionSummaryTests(BangfuApp app) : IClassFixture<BangfuApp>, IAsyncLifetime
{
    private const string Period = "from=2018-01-01&to=2018-12-31";
    private static readonly DateOnly Start = new(2018, 1, 1);
    private static readonly DateOnly End = new(2018, 12, 31);
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        _admin = await app.AdminAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// The partnerships a Sichuan commission sees (a party in 51) that ran in 2018.
    private static async Task<List<PartnershipListItem>> SichuanPartnershipsAsync(HttpClient commission)
    {
        var list = await (await commission.GetAsync("/api/partnerships?pageSize=50")).ReadAsync<Page<PartnershipListItem>>();
        return list.Items.Where(p => p.StartDate <= End && (p.EndDate is null || p.EndDate >= Start)).ToList();
    }

    private async Task<HttpClient> CommissionAsync(string region) =>
        await app.UserAsync(_admin, Roles.Commission, (await _admin.CreateOrganizationAsync(region: region, kind: OrganizationKind.HealthCommission)).Id);

    [Fact]
    public async Task The_json_figures_of_a_region_are_the_sums_of_its_partnerships_records()
    {
        var commission = await CommissionAsync("510000");
        var partnerships = await SichuanPartnershipsAsync(commission);
        Assert.NotEmpty(partnerships);
        var report = await (await commission.GetAsync($"/api/reports/summary?regionCode=510000&{Period}&format=json")).ReadAsync<RegionSummaryReport>();

        Assert.Equal("四川省2018年对口帮扶工作总结", report.Title);
        Assert.Equal(partnerships.Count, report.PartnershipCount);
        Assert.Equal(partnerships.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())),
            report.PartnershipsByKind.Select(k => (k.Kind, k.Count)));
        Assert.Equal(partnerships.SelectMany(p => p.Parties).Where(x => x.Role is PartyRole.Supported or PartyRole.Member).Select(x => x.OrganizationId).Distinct().Count(),
            report.SupportedHospitalCount);
        Assert.Equal(partnerships.SelectMany(p => p.Parties).Where(x => x.Role is PartyRole.Supporting or PartyRole.Lead).Select(x => x.OrganizationId).Distinct().Count(),
            report.SupportingHospitalCount);

        var activities = new Dictionary<ActivityKind, long>();
        var dispatches = new List<DispatchDto>();
        var techniques = 0;
        var trainees = 0;
        var goals = new List<GoalDto>();
        foreach (var p in partnerships)
        {
            foreach (var total in await (await commission.GetAsync($"/api/activities/totals?partnershipId={p.Id}&{Period}")).ReadAsync<IReadOnlyList<ActivityTotal>>())
                activities[total.Kind] = activities.GetValueOrDefault(total.Kind) + total.Quantity;
            var page = await (await commission.GetAsync($"/api/dispatches?partnershipId={p.Id}&pageSize=200")).ReadAsync<Page<DispatchDto>>();
            Assert.True(page.Total <= 200);
            var mine = page.Items.Where(d => d.Status != DispatchStatus.Cancelled && d.StartDate <= End && d.EndDate >= Start).ToList();
            dispatches.AddRange(mine);
            var row = Assert.Single(report.Partnerships, r => r.Id == p.Id);
            Assert.Equal(mine.Select(d => d.ExpertId).Distinct().Count(), row.Persons);
            Assert.Equal(mine.Count, row.PersonTimes);
            techniques += (await (await commission.GetAsync($"/api/techniques?partnershipId={p.Id}&pageSize=200")).ReadAsync<Page<TechniqueDto>>())
                .Items.Count(x => x.FirstPerformedOn >= Start && x.FirstPerformedOn <= End);
            trainees += (await (await commission.GetAsync($"/api/trainees?partnershipId={p.Id}&pageSize=200")).ReadAsync<Page<TraineeDto>>())
                .Items.Count(x => x.StartDate >= Start && x.StartDate <= End);
            goals.AddRange((await (await commission.GetAsync($"/api/plans?partnershipId={p.Id}")).ReadAsync<IReadOnlyList<PlanDto>>())
                .Where(x => x.From <= End && x.To >= Start).SelectMany(x => x.Goals));
        }
        Assert.NotEmpty(activities);
        Assert.Equal(activities.OrderBy(a => a.Key).Select(a => (a.Key, a.Value)), report.Activities.Select(a => (a.Kind, a.Quantity)));
        Assert.True(dispatches.Count > 0);
        Assert.Equal(dispatches.Count, report.Dispatches.PersonTimes);
        Assert.Equal(dispatches.Select(d => d.ExpertId).Distinct().Count(), report.Dispatches.Persons);
        Assert.Equal(dispatches.Where(d => d.Mode == DispatchMode.Stationed).Select(d => d.ExpertId).Distinct().Count(), report.Dispatches.StationedPersons);
        Assert.Equal(dispatches.Count(d => d.Mode is DispatchMode.ShortVisit or DispatchMode.Tour), report.Dispatches.ShortVisitPersonTimes);
        Assert.Equal(dispatches.Where(d => d.Batch is not null).Select(d => (d.PartnershipId, d.Batch)).Distinct().Count(), report.Dispatches.Batches);
        Assert.Equal(techniques, report.TechniqueCount);
        Assert.Equal(trainees, report.Training.Trainees);
        Assert.Equal(Enum.GetValues<GoalStatus>().Select(s => goals.Count(g => g.Status == s)), report.Goals.Select(g => g.Count));

        // The KPIs of 盐源县人民医院 for 2018 against 2017, as the seed states them.
        var kpis = report.Kpis.Where(k => k.Organization == "盐源县人民医院").ToList();
        Assert.Contains(kpis, k => k.GrowthPercent == 31.07m);
        Assert.Contains(kpis, k => k.GrowthPercent == 20.61m);
        Assert.Contains(kpis, k => k.GrowthPercent == 18.76m);
        Assert.Contains(kpis, k => k.Change == 615m);

        // Every figure above is stated in the text.
        var text = string.Join("\n", report.Sections.SelectMany(s => s.Paragraphs));
        Assert.Contains($"共有帮扶关系{partnerships.Count}个", text, StringComparison.Ordinal);
        Assert.Contains($"共派出专家{report.Dispatches.Persons}名、{report.Dispatches.PersonTimes}人次", text, StringComparison.Ordinal);
        Assert.Contains($"开展手术{activities[ActivityKind.Surgery]}台", text, StringComparison.Ordinal);
        Assert.Contains("增长31.07%", text, StringComparison.Ordinal);
        Assert.Contains($"本地区帮扶计划共设目标{goals.Count}个", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_region_docx_holds_the_text_the_partnership_table_and_a_chart()
    {
        var json = await (await _admin.GetAsync($"/api/reports/summary?regionCode=510000&{Period}")).ReadAsync<RegionSummaryReport>();
        var response = await _admin.GetAsync($"/api/reports/summary?regionCode=510000&{Period}&format=docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportEndpoints.DocxType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var text = body.InnerText;
        Assert.Contains("四川省2018年对口帮扶工作总结", text, StringComparison.Ordinal);
        Assert.Contains($"共派出专家{json.Dispatches.Persons}名、{json.Dispatches.PersonTimes}人次", text, StringComparison.Ordinal);
        Assert.Contains("增长31.07%", text, StringComparison.Ordinal);

        // Activity, KPI and partnership tables; the partnership table's rows are the json rows.
        var tables = body.Elements<Table>().ToList();
        Assert.Equal(3, tables.Count);
        var partnershipTable = tables.Single(t => t.Elements<TableRow>().First().InnerText.StartsWith("帮扶关系", StringComparison.Ordinal));
        var rows = partnershipTable.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(json.Partnerships.Select(p => (p.Name, p.Persons.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            rows.Select(r => (r[0], r[2])));
        Assert.NotEmpty(doc.MainDocumentPart.ImageParts);
    }

    [Fact]
    public async Task A_region_outside_the_callers_sight_is_404_and_bad_input_gets_field_errors()
    {
        var url = $"/api/reports/summary?regionCode=510000&{Period}";
        var zhejiang = await CommissionAsync("330000");
        Assert.Equal(HttpStatusCode.NotFound, (await zhejiang.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zhejiang.GetAsync(url + "&format=docx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await zhejiang.GetAsync($"/api/reports/summary?regionCode=330000&{Period}")).StatusCode);
        // A prefecture's commission does not read its province.
        var liangshan = await CommissionAsync("513400");
        Assert.Equal(HttpStatusCode.NotFound, (await liangshan.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await liangshan.GetAsync($"/api/reports/summary?regionCode=513423&{Period}")).StatusCode);

        var partnerships = await SichuanPartnershipsAsync(await CommissionAsync("510000"));
        var hospital = partnerships.SelectMany(p => p.Parties).First(x => x.Role == PartyRole.Supported).OrganizationId;
        var coordinator = await app.OrgAdminAsync(_admin, hospital);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(url)).StatusCode);

        await (await _admin.GetAsync($"/api/reports/summary?{Period}")).FieldErrorAsync("regionCode");
        await (await _admin.GetAsync($"/api/reports/summary?partnershipId={partnerships[0].Id}&regionCode=510000&{Period}")).FieldErrorAsync("regionCode");
        await (await _admin.GetAsync($"/api/reports/summary?regionCode=51&{Period}")).FieldErrorAsync("regionCode");
        await (await _admin.GetAsync("/api/reports/summary?regionCode=510000&from=2018-01-02&to=2018-12-31")).FieldErrorAsync("from");
    }
}
