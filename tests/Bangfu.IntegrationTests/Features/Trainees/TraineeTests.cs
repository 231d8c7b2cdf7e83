using System.Net;
using Bangfu.Features.Compliance;
using Bangfu.Features.People;
using Bangfu.Features.Trainees;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Trainees;

public sealed class TraineeTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SaveTraineeRequest Request(LedgerSetup s, int traineeId, int? mentorId) =>
        new(s.PartnershipId, traineeId, TraineeKind.FurtherStudy, s.SupportingId, null, mentorId, new DateOnly(2019, 3, 1), new DateOnly(2019, 8, 31),
            IsHousingProvided: true, MonthlySubsidyYuan: 1500);

    [Fact]
    public async Task Records_a_trainee_with_a_senior_mentor_and_no_warning()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var trainee = await admin.CreatePersonAsync(s.SupportedId, level: TitleLevel.Junior);
        var mentor = await admin.CreatePersonAsync(s.SupportingId, level: TitleLevel.Senior);
        var saved = await (await admin.PostJsonAsync("/api/trainees", Request(s, trainee.Id, mentor.Id))).ReadAsync<TraineeSaved>(HttpStatusCode.Created);
        Assert.Empty(saved.Warnings);
        Assert.Equal(TraineeOutcome.InProgress, saved.Trainee.Outcome);

        var back = Request(s, trainee.Id, mentor.Id) with { Outcome = TraineeOutcome.Passed, TeachesAfterReturn = "回院后开展门诊取药流程优化培训", Version = saved.Trainee.Version };
        var updated = await (await admin.PutJsonAsync($"/api/trainees/{saved.Trainee.Id}", back)).ReadAsync<TraineeSaved>();
        Assert.Equal(TraineeOutcome.Passed, updated.Trainee.Outcome);
        Assert.Equal("回院后开展门诊取药流程优化培训", updated.Trainee.TeachesAfterReturn);
    }

    [Fact]
    public async Task A_mentor_below_associate_senior_is_warned_by_default_and_refused_when_strict()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var trainee = await admin.CreatePersonAsync(s.SupportedId, level: TitleLevel.Junior);
        var mentor = await admin.CreatePersonAsync(s.SupportingId, level: TitleLevel.Intermediate);

        var warned = await (await admin.PostJsonAsync("/api/trainees", Request(s, trainee.Id, mentor.Id))).ReadAsync<TraineeSaved>(HttpStatusCode.Created);
        Assert.Contains("副高", Assert.Single(warned.Warnings), StringComparison.Ordinal);

        var rules = await (await admin.GetAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules")).ReadAsync<RuleSetDto>();
        var strict = new SaveRuleSetRequest(rules.MinStaffPerYear, rules.MinContinuousDays, rules.RequireYearRoundCoverage, null, null, null, null,
            TitleLevel.AssociateSenior, IsMentorRuleStrict: true, Version: rules.Version);
        await (await admin.PutJsonAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules", strict)).ReadAsync<RuleSetDto>();
        var refused = await admin.PostJsonAsync("/api/trainees", Request(s, trainee.Id, mentor.Id));
        Assert.Contains("副高", (await refused.ProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_reversed_dates_a_mentor_elsewhere_and_outsiders()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var trainee = await admin.CreatePersonAsync(s.SupportedId);
        var mentor = await admin.CreatePersonAsync(s.SupportingId, level: TitleLevel.Senior);
        await (await admin.PostJsonAsync("/api/trainees", Request(s, trainee.Id, mentor.Id) with { EndDate = new DateOnly(2019, 1, 1) })).FieldErrorAsync("endDate");
        await (await admin.PostJsonAsync("/api/trainees", Request(s, trainee.Id, trainee.Id))).FieldErrorAsync("mentorId");
        var saved = await (await admin.PostJsonAsync("/api/trainees", Request(s, trainee.Id, mentor.Id))).ReadAsync<TraineeSaved>(HttpStatusCode.Created);
        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/trainees/{saved.Trainee.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.DeleteAsync($"/api/trainees/{saved.Trainee.Id}")).StatusCode);
    }
}
