using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Demo;
using Bangfu.Features.Dispatches;
using Bangfu.Features.ExpertDays;
using Bangfu.Features.Indicators;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Plans;
using Bangfu.Features.Techniques;
using Bangfu.Features.Trainees;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.Extensions.DependencyInjection;

namespace Bangfu.IntegrationTests.Features.Demo;

/// Counting the demo records through the API gives the figures the seed reports state.
public sealed class DemoFiguresTests(BangfuApp app) : IClassFixture<BangfuApp>, IAsyncLifetime
{
    private HttpClient _admin = null!;
    private Dictionary<PartnershipKind, int> _ids = null!;

    public async Task InitializeAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
        _admin = await app.AdminAsync();
        var list = await (await _admin.GetAsync("/api/partnerships?pageSize=50")).ReadAsync<Page<PartnershipListItem>>();
        _ids = list.Items.ToDictionary(p => p.Kind, p => p.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<ActivityKind, ActivityTotal>> TotalsAsync(PartnershipKind kind, string from, string to) =>
        (await (await _admin.GetAsync($"/api/activities/totals?partnershipId={_ids[kind]}&from={from}&to={to}")).ReadAsync<IReadOnlyList<ActivityTotal>>())
            .ToDictionary(t => t.Kind);

    private async Task<IReadOnlyList<DispatchDto>> DispatchesAsync(PartnershipKind kind, string query = "")
    {
        var page = await (await _admin.GetAsync($"/api/dispatches?partnershipId={_ids[kind]}&pageSize=200{query}")).ReadAsync<Page<DispatchDto>>();
        Assert.True(page.Total <= 200);
        return page.Items;
    }

    [Fact]
    public async Task Seed_002_mountain_sea_since_2022()
    {
        var totals = await TotalsAsync(PartnershipKind.MountainSea, "2022-01-01", "2023-07-21");
        Assert.Equal(23, totals[ActivityKind.SurgicalDemonstration].Quantity);
        Assert.Equal(68, totals[ActivityKind.TeachingRound].Quantity);
        Assert.Equal(40, totals[ActivityKind.Lecture].Quantity);
        Assert.Equal(2972, totals[ActivityKind.Outpatient].Quantity);
        Assert.Equal(147, totals[ActivityKind.Surgery].Quantity);
        Assert.Equal(15, (await DispatchesAsync(PartnershipKind.MountainSea, "&from=2022-01-01")).Select(d => d.ExpertId).Distinct().Count());

        var roundTwo = await (await _admin.GetAsync($"/api/techniques?partnershipId={_ids[PartnershipKind.MountainSea]}&from=2021-03-01&to=2023-07-18&pageSize=100"))
            .ReadAsync<Page<TechniqueDto>>();
        Assert.Equal(24, roundTwo.Total);
        Assert.Contains(roundTwo.Items, t => t.Name == "肩关节镜手术" && t.TimesPerformed == 1);
    }

    [Fact]
    public async Task Seed_004_trusteeship_of_yanyuan()
    {
        var stationed = await DispatchesAsync(PartnershipKind.Trusteeship, "&mode=Stationed");
        Assert.Equal(7, stationed.Select(d => d.ExpertId).Distinct().Count());
        Assert.Single(stationed, d => d.Role == DispatchRole.President);
        Assert.Equal(50, (await DispatchesAsync(PartnershipKind.Trusteeship, "&mode=ShortVisit")).Count);

        var totals = await TotalsAsync(PartnershipKind.Trusteeship, "2017-08-01", "2020-03-18");
        Assert.Equal(33, totals[ActivityKind.Lecture].Quantity);
        Assert.Equal(45, totals[ActivityKind.TeachingRound].Quantity);
        Assert.Equal(23, totals[ActivityKind.SurgicalDemonstration].Quantity);
        Assert.Equal(210, totals[ActivityKind.Surgery].Quantity);
        Assert.True(totals[ActivityKind.FreeClinic].Attendees > 3000);

        var day = Assert.Single(await (await _admin.GetAsync($"/api/expert-days?partnershipId={_ids[PartnershipKind.Trusteeship]}")).ReadAsync<IReadOnlyList<ExpertDayDto>>());
        Assert.Equal("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", day.RecurrenceRule);
        var occurrences = await (await _admin.GetAsync($"/api/expert-days/{day.Id}/occurrences?from=2018-06-01&to=2018-12-31")).ReadAsync<IReadOnlyList<Occurrence>>();
        Assert.Equal(new DateOnly(2018, 6, 21), occurrences[0].Date);
        Assert.All(occurrences, o => Assert.InRange(o.Experts.Count, 3, 5));

        foreach (var year in new[] { 2018, 2019 })
        {
            var trainees = await (await _admin.GetAsync($"/api/trainees?partnershipId={_ids[PartnershipKind.Trusteeship]}&kind=FurtherStudy&from={year}-01-01&to={year}-12-31&pageSize=100"))
                .ReadAsync<Page<TraineeDto>>();
            Assert.Equal(20, trainees.Items.Count(t => t.StartDate.Year == year));
        }
    }

    [Fact]
    public async Task Seed_004_figures_of_yanyuan_for_2018_against_2017_and_the_plans_goals()
    {
        var list = await (await _admin.GetAsync("/api/partnerships?pageSize=50")).ReadAsync<Page<PartnershipListItem>>();
        var trusteeship = list.Items.Single(p => p.Kind == PartnershipKind.Trusteeship);
        var yanyuan = trusteeship.Parties.Single(p => p.Role == PartyRole.Supported).OrganizationId;

        var c = (await _admin.CompareAsync(yanyuan, "2018", "2017")).Indicators.ToDictionary(i => i.Code);
        Assert.Equal(13452m, c[IndicatorCatalogue.Revenue].Value);
        Assert.Equal(3189m, c[IndicatorCatalogue.Revenue].Change);
        Assert.Equal(31.07m, c[IndicatorCatalogue.Revenue].GrowthPercent);
        Assert.Equal(54000m, c[IndicatorCatalogue.OutpatientVisits].Change);
        Assert.Equal(20.61m, c[IndicatorCatalogue.OutpatientVisits].GrowthPercent);
        Assert.Equal(3206m, c[IndicatorCatalogue.Admissions].Change);
        Assert.Equal(18.76m, c[IndicatorCatalogue.Admissions].GrowthPercent);
        Assert.Equal(615m, c[IndicatorCatalogue.Surgeries].Change);
        Assert.Equal(70m, c[IndicatorCatalogue.CountyRetentionRate].BaselineValue);
        Assert.True(c[IndicatorCatalogue.CountyRetentionRate].Value > 90m);

        var approval = await (await _admin.GetAsync($"/api/indicators/approval?organizationId={yanyuan}&period=2018")).ReadAsync<ApprovalDto>();
        Assert.Equal(ApprovalState.Approved, approval.State);
        await (await _admin.PostValuesAsync(yanyuan, (IndicatorCatalogue.Revenue, "2018", 1m))).ProblemAsync(System.Net.HttpStatusCode.Conflict);

        var plans = await (await _admin.GetAsync($"/api/plans?partnershipId={trusteeship.Id}")).ReadAsync<IReadOnlyList<PlanDto>>();
        var goal = Assert.Single(Assert.Single(plans).Goals);
        Assert.Equal(IndicatorCatalogue.CountyRetentionRate, goal.IndicatorCode);
        Assert.Equal(GoalStatus.Achieved, goal.Status);

        var wuzhong = await (await _admin.GetAsync($"/api/plans?partnershipId={_ids[PartnershipKind.CounterpartSupport]}")).ReadAsync<IReadOnlyList<PlanDto>>();
        var milestones = Assert.Single(wuzhong).Goals;
        Assert.Equal([new DateOnly(2022, 8, 31), new DateOnly(2025, 8, 31)], milestones.Select(g => g.Deadline));
        Assert.All(milestones, g => Assert.Equal(GoalKind.Milestone, g.Kind));
    }

    [Fact]
    public async Task Seed_000_the_week_of_july_2022_and_the_june_trainings()
    {
        var july = await TotalsAsync(PartnershipKind.CounterpartSupport, "2022-07-01", "2022-07-31");
        Assert.Equal(12, july[ActivityKind.Surgery].Quantity);
        Assert.Equal(30, july[ActivityKind.Screening].Quantity);
        var surgeries = await (await _admin.GetAsync($"/api/activities?partnershipId={_ids[PartnershipKind.CounterpartSupport]}&kind=Surgery&from=2022-07-03&to=2022-07-09&pageSize=50"))
            .ReadAsync<Page<ActivityDto>>();
        Assert.Equal(8, surgeries.Items.Where(a => a.Subject == "宫腔镜手术").Sum(a => a.Quantity));
        Assert.Equal(3, surgeries.Items.Where(a => a.Subject == "腹腔镜手术").Sum(a => a.Quantity));
        Assert.Equal(1, surgeries.Items.Where(a => a.Subject == "子宫全切手术").Sum(a => a.Quantity));

        var june = await TotalsAsync(PartnershipKind.CounterpartSupport, "2022-06-01", "2022-06-30");
        Assert.Equal(3, june[ActivityKind.Lecture].Quantity);
        Assert.True(june[ActivityKind.Lecture].Attendees >= 300);

        var dispatches = await DispatchesAsync(PartnershipKind.CounterpartSupport);
        Assert.Equal(4, dispatches.Select(d => d.Batch).Distinct().Count());
        Assert.Equal(20, dispatches.Select(d => d.ExpertId).Distinct().Count());
    }

    [Fact]
    public async Task The_2018_summary_of_the_trusteeship_states_the_reported_growth_as_computed_figures()
    {
        var report = await (await _admin.GetAsync($"/api/reports/summary?partnershipId={_ids[PartnershipKind.Trusteeship]}&from=2018-01-01&to=2018-12-31"))
            .ReadAsync<Bangfu.Features.Reports.SummaryReport>();
        var kpis = report.Kpis.ToDictionary(k => k.Code);
        Assert.Equal((13452m, 3189m, 31.07m), (kpis["REVENUE"].Value!.Value, kpis["REVENUE"].Change!.Value, kpis["REVENUE"].GrowthPercent!.Value));
        Assert.Equal(20.61m, kpis["OUTPATIENT_VISITS"].GrowthPercent);
        Assert.Equal(18.76m, kpis["ADMISSIONS"].GrowthPercent);
        Assert.Equal(615m, kpis["SURGERIES"].Change);

        var text = string.Join("\n", report.Sections.SelectMany(x => x.Paragraphs));
        Assert.Contains("业务收入13452万元，较2017年增加3189万元，增长31.07%", text, StringComparison.Ordinal);
        Assert.Contains("增长20.61%", text, StringComparison.Ordinal);
        Assert.Contains("增长18.76%", text, StringComparison.Ordinal);
        Assert.Contains("较2017年增加615台次", text, StringComparison.Ordinal);
        Assert.Contains("县域内就诊率", text, StringComparison.Ordinal);
        Assert.Contains(report.Goals, g => g.Status == nameof(GoalStatus.Achieved));
        Assert.Equal(["一、基本情况", "二、专家派驻"], report.Sections.Take(2).Select(x => x.Heading));
        Assert.NotEmpty(report.NextFocus);
    }
}
