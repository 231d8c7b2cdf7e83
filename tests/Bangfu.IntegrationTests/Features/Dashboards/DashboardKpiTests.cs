using System.Net;
using Bangfu.Common;
using Bangfu.Features.Dashboards;
using Bangfu.Features.Demo;
using Bangfu.Features.Indicators;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Plans;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Bangfu.IntegrationTests.Features.Dashboards;

/// KPIs against baseline and target, goals with status, and the indicator table of the ledger, on the demo's seed 004
/// (the trusteeship of 盐源县人民医院: 2017 and 2018 figures, a plan goal 县域内就诊率 ≥ 90).
public sealed class DashboardKpiTests(BangfuApp app) : IClassFixture<BangfuApp>, IAsyncLifetime
{
    private HttpClient _admin = null!;
    private PartnershipListItem _trusteeship = null!;
    private int _yanyuan;

    public async Task InitializeAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        _admin = await app.AdminAsync();
        var list = await (await _admin.GetAsync("/api/partnerships?pageSize=50")).ReadAsync<Page<PartnershipListItem>>();
        _trusteeship = list.Items.Single(p => p.Kind == PartnershipKind.Trusteeship);
        _yanyuan = _trusteeship.Parties.Single(p => p.Role == PartyRole.Supported).OrganizationId;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_trusteeship_dashboard_shows_yanyuan_2018_against_2017_with_growth_target_trend_and_the_goal_achieved()
    {
        var kpis = await (await _admin.GetAsync($"/api/dashboards/partnerships/{_trusteeship.Id}/kpis?year=2018")).ReadAsync<DashboardKpisDto>();
        var org = Assert.Single(kpis.Organizations);
        Assert.Equal(_yanyuan, org.OrganizationId);
        // The trusteeship began in 2017; 2016 has no figures, so the baseline is the year before the selected one.
        Assert.Equal(2017, org.BaselineYear);
        Assert.Equal(_trusteeship.StartDate.Year == 2018 ? KpiBaselineKind.BeforePartnership : KpiBaselineKind.PreviousYear, org.BaselineKind);
        var byCode = org.Indicators.ToDictionary(k => k.Code);
        var revenue = byCode[IndicatorCatalogue.Revenue];
        Assert.Equal(13452m, revenue.Value);
        Assert.Equal(10263m, revenue.Baseline);
        Assert.Equal(3189m, revenue.Change);
        Assert.Equal(31.07m, revenue.GrowthPercent);
        Assert.Equal([2014, 2015, 2016, 2017, 2018], revenue.Trend.Select(p => p.Year));
        Assert.Equal([null, null, null, 10263m, 13452m], revenue.Trend.Select(p => p.Value));
        Assert.Equal(20.61m, byCode[IndicatorCatalogue.OutpatientVisits].GrowthPercent);
        Assert.Equal(18.76m, byCode[IndicatorCatalogue.Admissions].GrowthPercent);
        Assert.Equal(615m, byCode[IndicatorCatalogue.Surgeries].Change);
        var rate = byCode[IndicatorCatalogue.CountyRetentionRate];
        Assert.Equal(70m, rate.Baseline);
        Assert.True(rate.Value > 90m);
        Assert.Null(rate.GrowthPercent); // a rate changes by points, not by a growth rate
        Assert.Equal(90m, rate.TargetValue);
        Assert.Equal(">=", rate.TargetComparator);
        Assert.Null(revenue.TargetValue);

        var goal = Assert.Single(kpis.Goals);
        Assert.Equal(GoalStatus.Achieved, goal.Status);
        Assert.Equal(_yanyuan, goal.OrganizationId);
        Assert.False(string.IsNullOrWhiteSpace(goal.ReasonZh));
        Assert.Equal(1, kpis.GoalCounts.Single(c => c.Status == GoalStatus.Achieved).Count);

        // The hospital's own dashboard: the same figures; a year without any figures in five years has no KPI rows.
        var own = await (await _admin.GetAsync($"/api/dashboards/organizations/{_yanyuan}/kpis?year=2018")).ReadAsync<DashboardKpisDto>();
        Assert.Equal(31.07m, Assert.Single(own.Organizations).Indicators.Single(k => k.Code == IndicatorCatalogue.Revenue).GrowthPercent);
        Assert.Single(own.Goals);
        var later = await (await _admin.GetAsync($"/api/dashboards/partnerships/{_trusteeship.Id}/kpis?year=2030")).ReadAsync<DashboardKpisDto>();
        Assert.Empty(later.Organizations);
    }

    [Fact]
    public async Task The_region_counts_goals_by_status_with_links_down_and_outsiders_get_404()
    {
        var region = await (await _admin.GetAsync("/api/dashboards/regions/513400/kpis?year=2018")).ReadAsync<DashboardKpisDto>();
        Assert.True(region.GoalCounts.Single(c => c.Status == GoalStatus.Achieved).Count >= 1);
        var row = Assert.Single(region.Plans, p => p.PartnershipId == _trusteeship.Id);
        Assert.Equal(_yanyuan, row.OrganizationId);
        Assert.Equal(1, row.Counts.Single(c => c.Status == GoalStatus.Achieved).Count);
        Assert.Empty(region.Organizations);

        // The province's commission sees the same plan in its region.
        var commission = await app.ClientForAsync("sc.nhc", BangfuApp.AdminPassword);
        var province = await (await commission.GetAsync("/api/dashboards/regions/510000/kpis?year=2018")).ReadAsync<DashboardKpisDto>();
        Assert.Contains(province.Plans, p => p.PartnershipId == _trusteeship.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await commission.GetAsync("/api/dashboards/regions/640000/kpis?year=2018")).StatusCode);

        var outsider = await app.OrgAdminAsync(_admin, (await _admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/dashboards/partnerships/{_trusteeship.Id}/kpis?year=2018")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/dashboards/organizations/{_yanyuan}/kpis?year=2018")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/api/dashboards/regions/513400/kpis?year=2018")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/dashboards/partnerships/999999/kpis?year=2018")).StatusCode);
        await (await _admin.GetAsync($"/api/dashboards/partnerships/{_trusteeship.Id}/kpis?year=1990")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_ledger_holds_the_indicator_table_of_the_supported_hospital_with_source_and_approval()
    {
        var response = await _admin.GetAsync($"/api/reports/ledger?partnershipId={_trusteeship.Id}&from=2017-01-01&to=2018-12-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var xlsx = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("指标表", MiniExcel.GetSheetNames(xlsx));
        xlsx.Position = 0;
        var rows = xlsx.Query(useHeaderRow: true, sheetName: "指标表").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["单位名称", "指标", "期间", "数值", "计量单位", "来源", "审核状态"], rows[0].Keys);
        var revenue = rows.Where(r => (string?)r["指标"] == "业务收入").ToDictionary(r => (string)r["期间"]!);
        Assert.Equal(10263d, Convert.ToDouble(revenue["2017"]["数值"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(13452d, Convert.ToDouble(revenue["2018"]["数值"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("万元", revenue["2018"]["计量单位"]);
        Assert.Equal("已审核", revenue["2018"]["审核状态"]);
        Assert.Matches("^(填报|导入|计算)$", (string?)revenue["2018"]["来源"]);
        Assert.All(rows.SkipLast(1), r => Assert.Contains("盐源", (string?)r["单位名称"]));
        Assert.Equal($"合计（{rows.Count - 1} 条）", rows[^1]["单位名称"]);

        // Only the periods inside from–to: 2018 alone has no 2017 row.
        var only2018 = await _admin.GetAsync($"/api/reports/ledger?partnershipId={_trusteeship.Id}&from=2018-01-01&to=2018-12-31&ledgers=indicator");
        using var second = new MemoryStream(await only2018.Content.ReadAsByteArrayAsync());
        Assert.Equal(["指标表", "汇总"], MiniExcel.GetSheetNames(second));
        second.Position = 0;
        var rows2018 = second.Query(useHeaderRow: true, sheetName: "指标表").Cast<IDictionary<string, object?>>().ToList();
        Assert.DoesNotContain(rows2018, r => (string?)r["期间"] == "2017");
        Assert.Contains(rows2018, r => (string?)r["期间"] == "2018");

        // The hospital's own ledger has the same table; an outsider is told 404.
        var own = await _admin.GetAsync($"/api/reports/ledger?organizationId={_yanyuan}&from=2018-01-01&to=2018-12-31&ledgers=indicator");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var outsider = await app.OrgAdminAsync(_admin, (await _admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound,
            (await outsider.GetAsync($"/api/reports/ledger?partnershipId={_trusteeship.Id}&from=2018-01-01&to=2018-12-31&ledgers=indicator")).StatusCode);
    }
}
