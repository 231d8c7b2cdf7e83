using System.Net;
using Bangfu.Features.Compliance;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Compliance;

public sealed class ComplianceTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Finds_too_few_staff_short_stays_and_the_uncovered_date_ranges()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var second = await admin.CreatePersonAsync(s.SupportingId);
        var shortStay = await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 30)));
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 6, 1), new DateOnly(2024, 12, 31), expertId: second.Id));

        var report = await (await admin.GetAsync($"/api/partnerships/{s.PartnershipId}/compliance?year=2024")).ReadAsync<ComplianceReport>();
        Assert.False(report.AllHold);
        var staff = report.Results.Single(r => r.Rule == "MinStaffPerYear");
        Assert.False(staff.Holds);
        Assert.Equal((2, 5), (staff.Found!.Value, staff.Required!.Value));
        var stay = report.Results.Single(r => r.Rule == "MinContinuousDays");
        Assert.Equal([shortStay.Id], stay.DispatchIds);
        var coverage = report.Results.Single(r => r.Rule == "YearRoundCoverage");
        Assert.Equal([new DateRange(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 31))], coverage.Gaps);
    }

    [Fact]
    public async Task A_fully_staffed_year_holds_every_default_rule()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var people = new List<int> { s.ExpertId };
        for (var i = 0; i < 4; i++)
            people.Add((await admin.CreatePersonAsync(s.SupportingId)).Id);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2023, 12, 1), new DateOnly(2024, 6, 30), expertId: people[0]));
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 7, 1), new DateOnly(2025, 1, 31), expertId: people[1]));
        for (var i = 2; i < 5; i++)
            await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 3, 1), new DateOnly(2024, 9, 30), expertId: people[i]));

        var report = await (await admin.GetAsync($"/api/partnerships/{s.PartnershipId}/compliance?year=2024")).ReadAsync<ComplianceReport>();
        Assert.True(report.AllHold, string.Join("; ", report.Results.Where(r => !r.Holds).Select(r => r.Explanation)));
    }

    [Fact]
    public async Task Rule_sets_are_data_a_province_can_change()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin, expertLevel: TitleLevel.Intermediate);
        var defaults = await (await admin.GetAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules")).ReadAsync<RuleSetDto>();
        Assert.True(defaults.IsDefault);
        Assert.Equal(5, defaults.MinStaffPerYear);
        Assert.Equal(183, defaults.MinContinuousDays);

        // 组团式: 5–7 per batch, one associate-senior or above.
        var team = new SaveRuleSetRequest(null, 365, false, 5, 7, 1, null, Version: defaults.Version);
        var saved = await (await admin.PutJsonAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules", team)).ReadAsync<RuleSetDto>();
        Assert.False(saved.IsDefault);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), batch: 3));

        var report = await (await admin.GetAsync($"/api/partnerships/{s.PartnershipId}/compliance?year=2024")).ReadAsync<ComplianceReport>();
        var batch = report.Results.Single(r => r.Rule == "Team:3");
        Assert.False(batch.Holds);
        Assert.Equal(1, batch.Found);
        Assert.DoesNotContain(report.Results, r => r.Rule == "MinStaffPerYear");

        var invalid = await admin.PutJsonAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules", team with { TeamSizeMin = 7, TeamSizeMax = 5, Version = saved.Version });
        await invalid.FieldErrorAsync("teamSizeMax");
        var again = await (await admin.PutJsonAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules", team with { TeamSizeMax = 6, Version = saved.Version })).ReadAsync<RuleSetDto>();
        Assert.Equal(saved.Version + 1, again.Version);
        var stale = await admin.PutJsonAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules", team with { Version = saved.Version });
        await stale.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_save_from_a_page_still_showing_the_defaults_is_stale_once_someone_stored_a_set()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var url = $"/api/partnerships/{s.PartnershipId}/compliance-rules";
        var defaults = await (await admin.GetAsync(url)).ReadAsync<RuleSetDto>();
        Assert.True(defaults.IsDefault);

        var first = await (await admin.PutJsonAsync(url, new SaveRuleSetRequest(3, 183, true, null, null, null, null, Version: defaults.Version))).ReadAsync<RuleSetDto>();
        Assert.NotEqual(defaults.Version, first.Version);
        var second = await admin.PutJsonAsync(url, new SaveRuleSetRequest(8, 183, true, null, null, null, null, Version: defaults.Version));
        await second.ProblemAsync(HttpStatusCode.Conflict);
        var kept = await (await admin.GetAsync(url)).ReadAsync<RuleSetDto>();
        Assert.Equal(3, kept.MinStaffPerYear);
    }

    [Fact]
    public async Task Alliance_members_are_judged_from_their_join_date()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin, PartnershipKind.CloseConsortium);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 8, 31)));
        var report = await (await admin.GetAsync($"/api/partnerships/{s.PartnershipId}/compliance?year=2024")).ReadAsync<ComplianceReport>();
        Assert.True(report.AllHold);
        Assert.All(report.Results, r => Assert.Equal(s.SupportedId, r.HostOrganizationId));
    }

    [Fact]
    public async Task Outsiders_get_404_on_compliance_and_rules()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var outsider = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/partnerships/{s.PartnershipId}/compliance?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutJsonAsync($"/api/partnerships/{s.PartnershipId}/compliance-rules", new SaveRuleSetRequest(1, null, false, null, null, null, null, Version: 0))).StatusCode);
    }
}
