using System.Net;
using Bangfu.Features.Plans;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using static Bangfu.Features.Indicators.IndicatorCatalogue;

namespace Bangfu.IntegrationTests.Features.Plans;

public sealed class PlanTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    // Goal statuses are judged against the app's clock (the real one in these tests), so deadlines are set relative to it.
    private static readonly int Year = TimeProvider.System.GetUtcNow().Year;

    private static async Task<PlanDto> CreatePlanAsync(HttpClient client, LedgerSetup s) =>
        await (await client.PostJsonAsync("/api/plans", new SavePlanRequest(s.PartnershipId, s.SupportedId, "一院一策", new DateOnly(Year - 3, 1, 1),
            new DateOnly(Year + 2, 12, 31), ["重症医学科", "超声科"]))).ReadAsync<PlanDto>(HttpStatusCode.Created);

    private static async Task<PlanDto> AddGoalAsync(HttpClient client, int planId, SaveGoalRequest goal) =>
        await (await client.PostJsonAsync($"/api/plans/{planId}/goals", goal)).ReadAsync<PlanDto>();

    [Fact]
    public async Task Goal_statuses_follow_from_the_data()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var coordinator = await app.OrgAdminAsync(admin, s.SupportingId);
        var plan = await CreatePlanAsync(coordinator, s);
        Assert.Equal(["重症医学科", "超声科"], plan.FocusSpecialties);
        await admin.SaveValuesAsync(s.SupportedId,
            (GraduatesRecruited, $"{Year - 2}", 20m), (GraduatesRecruited, $"{Year - 1}", 30m),
            (PrimaryCareVisits, $"{Year - 2}", 50m), (PrimaryCareVisits, $"{Year - 1}", 45m),
            (CountyVisitsInside, $"{Year - 1}", 92m), (CountyVisitsAll, $"{Year - 1}", 100m));

        await AddGoalAsync(coordinator, plan.Id, new SaveGoalRequest(GoalKind.Milestone, "二级甲等", new DateOnly(Year - 1, 6, 30), AchievedOn: new DateOnly(Year - 1, 5, 1)));
        await AddGoalAsync(coordinator, plan.Id, new SaveGoalRequest(GoalKind.Milestone, "三级", new DateOnly(Year - 1, 12, 31)));
        await AddGoalAsync(coordinator, plan.Id, new SaveGoalRequest(GoalKind.Indicator, "人才引进50人", new DateOnly(Year + 2, 12, 31), GraduatesRecruited, ">=", 50m));
        await AddGoalAsync(coordinator, plan.Id, new SaveGoalRequest(GoalKind.Indicator, "基层诊疗100人次", new DateOnly(Year + 1, 12, 31), PrimaryCareVisits, ">=", 100m));
        var final = await AddGoalAsync(coordinator, plan.Id, new SaveGoalRequest(GoalKind.Indicator, "县域内就诊率≥90%", new DateOnly(Year + 1, 12, 31), CountyRetentionRate, ">=", 90m));

        var goals = final.Goals.ToDictionary(g => g.Description);
        Assert.Equal(GoalStatus.Achieved, goals["二级甲等"].Status);
        Assert.Equal(GoalStatus.Late, goals["三级"].Status);
        Assert.Equal(GoalStatus.OnTrack, goals["人才引进50人"].Status);
        Assert.Equal(GoalStatus.AtRisk, goals["基层诊疗100人次"].Status);
        Assert.Contains("趋势", goals["基层诊疗100人次"].ReasonZh);
        Assert.Contains("trend", goals["基层诊疗100人次"].ReasonEn);
        Assert.Equal(GoalStatus.Achieved, goals["县域内就诊率≥90%"].Status);
        Assert.Equal(92m, goals["县域内就诊率≥90%"].LatestValue);

        var late = await AddGoalAsync(coordinator, plan.Id, new SaveGoalRequest(GoalKind.Indicator, "基层诊疗过期", new DateOnly(Year - 1, 6, 30), PrimaryCareVisits, ">=", 100m));
        Assert.Equal(GoalStatus.Late, late.Goals.Single(g => g.Description == "基层诊疗过期").Status);
        var noData = await AddGoalAsync(coordinator, plan.Id, new SaveGoalRequest(GoalKind.Indicator, "无数据", new DateOnly(Year + 1, 6, 30), Revenue, ">=", 100m));
        Assert.Equal(GoalStatus.AtRisk, noData.Goals.Single(g => g.Description == "无数据").Status);
    }

    [Fact]
    public async Task Tasks_name_a_responsible_department_and_person_of_a_party()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var plan = await CreatePlanAsync(admin, s);
        var withTask = await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/tasks", new SavePlanTaskRequest("建立质控体系", s.HostDepartmentId, s.ExpertId, new DateOnly(Year, 12, 31))))
            .ReadAsync<PlanDto>();
        var task = Assert.Single(withTask.Tasks);
        Assert.Equal("重症医学科", task.ResponsibleDepartmentName);
        var done = await (await admin.PutJsonAsync($"/api/plans/{plan.Id}/tasks/{task.Id}", new SavePlanTaskRequest("建立质控体系", Status: PlanTaskStatus.Done, Version: task.Version)))
            .ReadAsync<PlanDto>();
        Assert.Equal(PlanTaskStatus.Done, done.Tasks.Single().Status);

        var elsewhere = await admin.CreateDepartmentAsync((await admin.CreateOrganizationAsync()).Id);
        await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/tasks", new SavePlanTaskRequest("x", elsewhere.Id))).FieldErrorAsync("responsibleDepartmentId");
        await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/goals", new SaveGoalRequest(GoalKind.Indicator, "x", new DateOnly(Year, 1, 1), "NOPE", ">=", 1m)))
            .FieldErrorAsync("indicatorCode");
        await (await admin.PostJsonAsync("/api/plans", new SavePlanRequest(s.PartnershipId, s.SupportingId, "x", new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31))))
            .FieldErrorAsync("organizationId");
    }

    [Fact]
    public async Task Strangers_get_404_and_the_supported_side_reads_but_outsiders_cannot_edit()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var plan = await CreatePlanAsync(admin, s);
        var stranger = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        var supported = await app.OrgAdminAsync(admin, s.SupportedId);
        var readOnly = await app.UserAsync(admin, Bangfu.Common.Roles.ReadOnly, s.SupportedId);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/plans/{plan.Id}")).StatusCode);
        Assert.Empty(await (await stranger.GetAsync($"/api/plans?partnershipId={s.PartnershipId}")).ReadAsync<IReadOnlyList<PlanDto>>());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/plans/{plan.Id}/goals",
            new SaveGoalRequest(GoalKind.Milestone, "x", new DateOnly(Year, 1, 1)))).StatusCode);
        Assert.Single(await (await supported.GetAsync($"/api/plans?partnershipId={s.PartnershipId}")).ReadAsync<IReadOnlyList<PlanDto>>());
        await (await readOnly.PostJsonAsync($"/api/plans/{plan.Id}/goals", new SaveGoalRequest(GoalKind.Milestone, "x", new DateOnly(Year, 1, 1))))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.PostJsonAsync("/api/plans", new SavePlanRequest(s.PartnershipId, s.SupportedId, "x", new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31))))
            .FieldErrorAsync("partnershipId");
    }
}
