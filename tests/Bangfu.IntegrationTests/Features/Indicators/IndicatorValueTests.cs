using System.Net;
using Bangfu.Features.Indicators;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using static Bangfu.Features.Indicators.IndicatorCatalogue;

namespace Bangfu.IntegrationTests.Features.Indicators;

public sealed class IndicatorValueTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Compare_gives_formula_values_change_and_growth_against_the_baseline()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        await admin.SaveValuesAsync(org.Id, (Revenue, "2017", 10263m), (Revenue, "2018", 13452m), (Surgeries, "2017", 3739m), (Surgeries, "2018", 4354m),
            (CountyVisitsInside, "2017", 280000m), (CountyVisitsAll, "2017", 400000m), (CountyVisitsInside, "2018", 347000m), (CountyVisitsAll, "2018", 380000m));

        var c = (await admin.CompareAsync(org.Id, "2018", "2017")).Indicators.ToDictionary(i => i.Code);
        Assert.Equal(31.07m, c[Revenue].GrowthPercent);
        Assert.Equal(3189m, c[Revenue].Change);
        Assert.Equal(615m, c[Surgeries].Change);
        Assert.Equal(16.45m, c[Surgeries].GrowthPercent);
        Assert.Equal(70m, c[CountyRetentionRate].BaselineValue);
        Assert.Equal(91.3158m, c[CountyRetentionRate].Value);
        Assert.Equal(IndicatorKind.Formula, c[CountyRetentionRate].Kind);
        Assert.False(c.ContainsKey(Admissions));
    }

    [Fact]
    public async Task Months_add_up_to_quarters_and_years_and_carry_quarter_and_year_to_date_sums()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        await admin.SaveValuesAsync(org.Id, (Surgeries, "2024-01", 10m), (Surgeries, "2024-02", 20m), (Surgeries, "2024-03", 30m), (Surgeries, "2024-04", 5m),
            (AverageLengthOfStay, "2024-01", 8m), (AverageLengthOfStay, "2024-02", 10m), (Grade34Surgeries, "2024-02", 5m));

        var months = (await admin.ValuesAsync(org.Id, "2024-03", "2024-04", Surgeries)).ToDictionary(v => v.Period);
        Assert.Equal(60m, months["2024-03"].YearToDate);
        Assert.Equal(60m, months["2024-03"].QuarterToDate);
        Assert.Equal(5m, months["2024-04"].QuarterToDate);
        Assert.Equal(65m, months["2024-04"].YearToDate);

        var year = (await admin.ValuesAsync(org.Id, "2024")).ToDictionary(v => v.Code);
        Assert.Equal(65m, year[Surgeries].Value);
        Assert.Equal(ValueSource.Computed, year[Surgeries].Source);
        Assert.Equal(9m, year[AverageLengthOfStay].Value);
        Assert.Equal(60m, (await admin.ValuesAsync(org.Id, "2024Q1", code: Surgeries)).Single().Value);
        Assert.Equal(25m, (await admin.ValuesAsync(org.Id, "2024-02", code: Grade34Share)).Single().Value);
        Assert.Equal(ValueSource.Entered, (await admin.ValuesAsync(org.Id, "2024-02", code: Surgeries)).Single().Source);
    }

    [Fact]
    public async Task Breaking_a_validation_rule_warns_but_saves_and_the_answer_shows_formula_values()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var result = await admin.SaveValuesAsync(org.Id, (Admissions, "2023", 1000m), (Discharges, "2023", 900m), (Surgeries, "2023", 100m), (Grade34Surgeries, "2023", 40m));
        Assert.Equal(4, result.Saved);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(Admissions, warning.LeftCode);
        Assert.Equal(1000m, warning.Left);
        Assert.Equal(900m, warning.Right);
        Assert.Contains(result.Values, v => v.Code == Grade34Share && v.Value == 40m);

        var within = await admin.SaveValuesAsync(org.Id, (Discharges, "2023", 960m));
        Assert.Empty(within.Warnings);

        var rule = await (await admin.PostJsonAsync("/api/indicators/rules", new SaveValidationRuleRequest("手术台次不少于200", "At least 200 surgeries", Surgeries, ">=", "", 200m)))
            .ReadAsync<ValidationRuleDto>(HttpStatusCode.Created);
        var again = await admin.SaveValuesAsync(org.Id, (Surgeries, "2023", 150m));
        Assert.Contains(again.Warnings, w => w.RuleId == rule.Id);
        await (await admin.PostJsonAsync("/api/indicators/rules", new SaveValidationRuleRequest("x", "x", "NOPE", "<>", null))).FieldErrorAsync("leftCode");
    }

    [Fact]
    public async Task Rejects_bad_returns_whole()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var bad = await admin.PostValuesAsync(org.Id, (Revenue, "2020", 1m), (CountyRetentionRate, "2020", 80m), (Surgeries, "2020Q5", 1m), (Admissions, "2020", 1.5m));
        var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("values[1].code"));
        Assert.True(errors.ContainsKey("values[2].period"));
        Assert.True(errors.ContainsKey("values[3].value"));
        Assert.Empty(await admin.ValuesAsync(org.Id, "2020", code: Revenue));
    }

    [Fact]
    public async Task Approval_locks_the_period_until_an_administrator_reopens_it()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var orgAdmin = await app.OrgAdminAsync(admin, org.Id);
        await orgAdmin.SaveValuesAsync(org.Id, (Revenue, "2023-05", 100m));

        await (await orgAdmin.ApprovalAsync(org.Id, "2023", ApprovalAction.Approve)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.ApprovalAsync(org.Id, "2023", ApprovalAction.Approve)).ProblemAsync(HttpStatusCode.Conflict);
        var submitted = await orgAdmin.TransitionAsync(org.Id, "2023", ApprovalAction.Submit);
        Assert.Equal(ApprovalState.Submitted, submitted.State);
        await (await orgAdmin.ApprovalAsync(org.Id, "2023", ApprovalAction.Submit)).ProblemAsync(HttpStatusCode.Conflict);
        var approved = await admin.TransitionAsync(org.Id, "2023", ApprovalAction.Approve);
        Assert.Equal(ApprovalState.Approved, approved.State);
        Assert.True(approved.IsLocked);
        Assert.Equal(2, approved.Steps.Count);
        Assert.Equal(["admin"], approved.Steps.Where(s => s.To == ApprovalState.Approved).Select(s => s.By));

        var locked = await (await orgAdmin.PostValuesAsync(org.Id, (Revenue, "2023-05", 120m))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("2023-05", locked["detail"]!.GetValue<string>());
        await (await admin.PostValuesAsync(org.Id, (Surgeries, "2023", 1m))).ProblemAsync(HttpStatusCode.Conflict);
        await (await orgAdmin.ApprovalAsync(org.Id, "2023", ApprovalAction.Reopen)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(100m, (await admin.ValuesAsync(org.Id, "2023-05", code: Revenue)).Single().Value);
        await orgAdmin.SaveValuesAsync(org.Id, (Revenue, "2024-01", 1m));

        var reopened = await admin.TransitionAsync(org.Id, "2023", ApprovalAction.Reopen);
        Assert.Equal(ApprovalState.Open, reopened.State);
        await orgAdmin.SaveValuesAsync(org.Id, (Revenue, "2023-05", 120m));
        Assert.Equal(120m, (await admin.ValuesAsync(org.Id, "2023-05", code: Revenue)).Single().Value);
        await (await admin.GetAsync($"/api/indicators/approval?organizationId={org.Id}&period=2023Q1")).FieldErrorAsync("period");
    }

    [Fact]
    public async Task Supporting_coordinators_write_for_the_supported_hospital_and_strangers_see_nothing()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var supporting = await app.OrgAdminAsync(admin, s.SupportingId);
        var supported = await app.OrgAdminAsync(admin, s.SupportedId);
        var stranger = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);

        await supporting.SaveValuesAsync(s.SupportedId, (Revenue, "2024", 10m));
        Assert.Single(await supported.ValuesAsync(s.SupportedId, "2024", code: Revenue));
        await (await supported.PostValuesAsync(s.SupportingId, (Revenue, "2024", 10m))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostValuesAsync(s.SupportedId, (Revenue, "2024", 10m))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/indicators/values?organizationId={s.SupportedId}&from=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/indicators/compare?organizationId={s.SupportedId}&period=2024&baseline=2023")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/indicators/approval?organizationId={s.SupportedId}&period=2022")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.ApprovalAsync(s.SupportedId, "2024", ApprovalAction.Submit)).StatusCode);
    }

    [Fact]
    public async Task The_regions_commission_reads_and_approves_but_does_not_enter_and_another_region_sees_nothing()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync(region: "513423");
        var sichuan = await app.UserAsync(admin, Bangfu.Common.Roles.Commission,
            (await admin.CreateOrganizationAsync(region: "510000", kind: Bangfu.Features.Organizations.OrganizationKind.HealthCommission)).Id);
        var shanxi = await app.UserAsync(admin, Bangfu.Common.Roles.Commission,
            (await admin.CreateOrganizationAsync(region: "140000", kind: Bangfu.Features.Organizations.OrganizationKind.HealthCommission)).Id);
        await admin.SaveValuesAsync(org.Id, (Revenue, "2022", 10m));
        await admin.TransitionAsync(org.Id, "2022", ApprovalAction.Submit);

        Assert.Single(await sichuan.ValuesAsync(org.Id, "2022", code: Revenue));
        await (await sichuan.PostValuesAsync(org.Id, (Revenue, "2022", 11m))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(ApprovalState.Approved, (await sichuan.TransitionAsync(org.Id, "2022", ApprovalAction.Approve)).State);
        Assert.Equal(HttpStatusCode.NotFound, (await shanxi.GetAsync($"/api/indicators/values?organizationId={org.Id}&from=2022")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shanxi.ApprovalAsync(org.Id, "2022", ApprovalAction.Reopen)).StatusCode);
    }

    [Fact]
    public async Task Counts_mid_level_experts_stationed_six_months_from_the_dispatch_ledger()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin, expertLevel: Bangfu.Features.People.TitleLevel.Intermediate);
        var junior = await admin.CreatePersonAsync(s.SupportingId, level: Bangfu.Features.People.TitleLevel.Junior);
        var shortStay = await admin.CreatePersonAsync(s.SupportingId, level: Bangfu.Features.People.TitleLevel.Senior);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 7, 31)));
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), expertId: junior.Id));
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 3, 1), new DateOnly(2024, 5, 31), expertId: shortStay.Id));

        var year = Assert.Single(await admin.ValuesAsync(s.SupportedId, "2024", code: StationedMidLevelExperts));
        Assert.Equal(1m, year.Value);
        Assert.Equal(ValueSource.Computed, year.Source);
        Assert.Equal(0m, (await admin.ValuesAsync(s.SupportedId, "2024-09", code: StationedMidLevelExperts)).Single().Value);
        await (await admin.PostValuesAsync(s.SupportedId, (StationedMidLevelExperts, "2024", 3m))).FieldErrorAsync("values[0].code");
    }
}
