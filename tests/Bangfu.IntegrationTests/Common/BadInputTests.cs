using System.Net;
using Bangfu.Features.Activities;
using Bangfu.Features.Dispatches;
using Bangfu.Features.ExpertDays;
using Bangfu.Features.Indicators;
using Bangfu.Features.Organizations;
using Bangfu.Features.People;
using Bangfu.Features.Plans;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Microsoft.AspNetCore.Mvc.Testing;
using static Bangfu.Features.Indicators.IndicatorCatalogue;

namespace Bangfu.IntegrationTests.Common;

/// Text a careless or hostile client sends (control characters, invisible direction marks) and dates far outside
/// the programme's years are refused with a field error before they are stored, so every read afterwards (lists,
/// dashboards, KPIs, the DOCX summary) still answers.
public sealed class BadInputTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private const string Half = "from=2024-01-01&to=2024-06-30";

    public static TheoryData<string> ControlText => new()
    {
        "医院\u0000甲", "医院\u0001", "医院\u001F乙", "医院\u007F乙", "医院\u0085乙", "医院\u009F乙", "医院\n乙", "医院\t乙", "医院\r乙",
    };

    [Theory]
    [MemberData(nameof(ControlText))]
    public async Task A_control_character_in_an_organization_name_is_a_field_error(string name)
    {
        var admin = await app.AdminAsync();
        var response = await admin.PostJsonAsync("/api/organizations", new SaveOrganizationRequest(name, null, OrganizationKind.GeneralHospital,
            HospitalGrade.Grade2A, "510402", null));
        await response.FieldErrorAsync("name");
    }

    // As JSON escapes: a serializer would never write the unpaired surrogate.
    [Theory]
    [InlineData("张\\u202E三")]
    [InlineData("张\\u200B三")]
    [InlineData("张\\u2066三\\u2069")]
    [InlineData("张\\uFEFF三")]
    [InlineData("张\\uD800三")]
    public async Task A_direction_override_zero_width_mark_or_broken_character_in_a_person_name_is_a_field_error(string escapedName)
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var response = await admin.PostRawJsonAsync("/api/people",
            $$"""{"organizationId":{{org.Id}},"name":"{{escapedName}}","title":"主任医师","titleLevel":"Senior","specialty":"外科"}""");
        await response.FieldErrorAsync("name");
    }

    [Fact]
    public async Task Names_with_control_characters_never_reach_the_summary_which_still_renders_as_docx()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var organization = await admin.GetAsync($"/api/organizations/{s.SupportedId}");
        var supported = await organization.ReadAsync<OrganizationDto>();
        var rename = await admin.PutJsonAsync($"/api/organizations/{s.SupportedId}", new SaveOrganizationRequest("县医院\u0000", null, supported.Kind,
            supported.Grade, supported.RegionCode, null, Version: supported.Version));
        await rename.FieldErrorAsync("name");
        var person = await admin.PostJsonAsync("/api/people", new SavePersonRequest(s.SupportingId, null, "专家\u0007", "主任医师", TitleLevel.Senior,
            "外科\u0000", null, null));
        var errors = await person.FieldErrorAsync("name");
        Assert.NotEmpty(errors);
        await person.FieldErrorAsync("specialty");
        var activity = await admin.PostJsonAsync("/api/activities", s.Activity(ActivityKind.Lecture, new DateOnly(2024, 3, 2), 1, ActivityUnit.Chang, attendees: 5)
            with
        { Subject = "讲座\u0000" });
        await activity.FieldErrorAsync("subject");
        var dispatch = await admin.PostJsonAsync("/api/dispatches", s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)) with { Note = "备注\u0000" });
        await dispatch.FieldErrorAsync("note");
        // Free text keeps its line breaks and tabs.
        const string note = "第一行\r\n第二行\t完";
        var lecture = await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, new DateOnly(2024, 3, 2), 1, ActivityUnit.Chang, attendees: 5) with { Note = note });
        Assert.Equal(note, lecture.Note);
        await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)) with { Note = note });

        var docx = await admin.GetAsync($"/api/reports/summary?partnershipId={s.PartnershipId}&{Half}&format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/people?organizationId={s.SupportingId}")).StatusCode);
    }

    public static TheoryData<string> FarDates => new() { "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31" };

    [Theory]
    [MemberData(nameof(FarDates))]
    public async Task A_date_outside_1900_to_2100_is_a_field_error_wherever_it_is_stored(string text)
    {
        var date = DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);

        await (await admin.PostJsonAsync("/api/people", new SavePersonRequest(s.SupportingId, null, "专家", "主任医师", TitleLevel.Senior, "外科", null, null,
            IndependentPracticeSince: date))).FieldErrorAsync("independentPracticeSince");
        await (await admin.PostJsonAsync("/api/activities", s.Activity(ActivityKind.Surgery, date, 1, ActivityUnit.Tai))).FieldErrorAsync("date");
        await (await admin.PostJsonAsync("/api/dispatches", s.Dispatch(date, date))).FieldErrorAsync("startDate");
        var dispatch = await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)));
        if (date.Year > 2000)
            await (await admin.PostJsonAsync($"/api/dispatches/{dispatch.Id}/extend", new ChangeDispatchEndRequest(date, dispatch.Version))).FieldErrorAsync("endDate");

        var expertDay = new SaveExpertDayRequest(s.PartnershipId, s.SupportedId, "专家日", "FREQ=DAILY", date, null, 1, 3);
        await (await admin.PostJsonAsync("/api/expert-days", expertDay)).FieldErrorAsync("startDate");
        if (date.Year > 2000)
            await (await admin.PostJsonAsync("/api/expert-days", expertDay with { StartDate = new DateOnly(2024, 1, 1), EndDate = date })).FieldErrorAsync("endDate");
        var day = await (await admin.PostJsonAsync("/api/expert-days", expertDay with { StartDate = new DateOnly(2024, 1, 1) })).ReadAsync<ExpertDayDto>(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/api/expert-days/{day.Id}/assignments", new AssignRequest(date, s.ExpertId))).FieldErrorAsync("date");
        await (await admin.GetAsync($"/api/expert-days/{day.Id}/occurrences?from={text}")).FieldErrorAsync("from");
        await (await admin.GetAsync($"/api/expert-days/{day.Id}/occurrences?from=2024-01-01&to={text}")).FieldErrorAsync("to");

        var plan = await (await admin.PostJsonAsync("/api/plans", new SavePlanRequest(s.PartnershipId, s.SupportedId, "一院一策", new DateOnly(2024, 1, 1),
            new DateOnly(2026, 12, 31)))).ReadAsync<PlanDto>(HttpStatusCode.Created);
        await (await admin.PostJsonAsync("/api/plans", new SavePlanRequest(s.PartnershipId, s.SupportedId, "一院一策", date < new DateOnly(2024, 1, 1) ? date : new DateOnly(2024, 1, 1),
            date > new DateOnly(2024, 1, 1) ? date : new DateOnly(2026, 12, 31)))).FieldErrorAsync(date.Year < 2000 ? "from" : "to");
        await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/goals", new SaveGoalRequest(GoalKind.Milestone, "二级甲等", date))).FieldErrorAsync("deadline");
        await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/goals", new SaveGoalRequest(GoalKind.Indicator, "基层诊疗", date, PrimaryCareVisits, ">=", 100m)))
            .FieldErrorAsync("deadline");
        await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/goals", new SaveGoalRequest(GoalKind.Milestone, "三级", new DateOnly(2025, 1, 1), AchievedOn: date)))
            .FieldErrorAsync("achievedOn");
        await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/tasks", new SavePlanTaskRequest("质控", DueDate: date))).FieldErrorAsync("dueDate");

        var period = date.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        await (await admin.PostJsonAsync("/api/indicators/values", new SaveValuesRequest(s.SupportedId, [new ValueEntry(PrimaryCareVisits, period, 1m)])))
            .FieldErrorAsync("values[0].period");
        await (await admin.PostJsonAsync("/api/indicators/values", new SaveValuesRequest(s.SupportedId, [new ValueEntry(PrimaryCareVisits, period + "-12", 1m)])))
            .FieldErrorAsync("values[0].period");

        // Nothing of the above was stored, and every read still answers.
        string[] reads =
        [
            $"/api/people?organizationId={s.SupportingId}", $"/api/activities?partnershipId={s.PartnershipId}", $"/api/dispatches?partnershipId={s.PartnershipId}",
            $"/api/expert-days?partnershipId={s.PartnershipId}", $"/api/expert-days/{day.Id}/occurrences", $"/api/plans?partnershipId={s.PartnershipId}",
            $"/api/dashboards/partnerships/{s.PartnershipId}?year=2024", $"/api/dashboards/partnerships/{s.PartnershipId}/kpis?year=2024",
            $"/api/dashboards/organizations/{s.SupportedId}/kpis?year=2024", $"/api/indicators/values?organizationId={s.SupportedId}&from=2024",
            $"/api/reports/summary?partnershipId={s.PartnershipId}&{Half}&format=docx",
        ];
        foreach (var read in reads)
        {
            var response = await admin.GetAsync(read);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{read}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [InlineData("from=0001-01-01&to=2024-06-30")]
    [InlineData("from=2024-01-01&to=9999-12-31")]
    [InlineData("from=9999-12-01&to=9999-12-31")]
    public async Task A_far_date_in_a_query_is_a_field_error_not_a_server_error(string query)
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var day = await (await admin.PostJsonAsync("/api/expert-days", new SaveExpertDayRequest(s.PartnershipId, s.SupportedId, "专家日", "FREQ=WEEKLY",
            new DateOnly(2024, 1, 1), null, 1, 3))).ReadAsync<ExpertDayDto>(HttpStatusCode.Created);
        var field = query.Contains("from=0001", StringComparison.Ordinal) || query.StartsWith("from=9999", StringComparison.Ordinal) ? "from" : "to";
        foreach (var format in new[] { "json", "docx" })
            await (await admin.GetAsync($"/api/reports/summary?partnershipId={s.PartnershipId}&{query}&format={format}")).FieldErrorAsync(field);
        await (await admin.GetAsync($"/api/reports/summary?regionCode=510402&{query}")).FieldErrorAsync(field);
        await (await admin.GetAsync($"/api/expert-days/{day.Id}/occurrences?{query}")).FieldErrorAsync(field);
        // Lists only filter by the dates: they answer, or refuse with a problem.
        foreach (var list in new[] { "/api/activities", "/api/dispatches", "/api/courses", "/api/meetings", "/api/techniques", "/api/trainees" })
        {
            var response = await admin.GetAsync($"{list}?partnershipId={s.PartnershipId}&{query}");
            if (response.StatusCode != HttpStatusCode.OK)
                await response.FieldErrorAsync(field);
        }
    }

    [Theory]
    [InlineData("%5Cevil")]
    [InlineData("/%5Cevil")]
    [InlineData("//evil")]
    [InlineData("/%2F/evil")]
    [InlineData("https://evil.example")]
    [InlineData("/%09/evil")]
    [InlineData("/%00")]
    [InlineData("%20//evil")]
    public async Task The_language_switch_never_sends_an_anonymous_caller_off_the_site(string redirect)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync($"/culture?culture=en&redirect={redirect}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var local = await client.GetAsync("/culture?culture=en&redirect=%2Fpartnerships%3Fpage%3D2");
        Assert.Equal(HttpStatusCode.Redirect, local.StatusCode);
        Assert.Equal("/partnerships?page=2", local.Headers.Location?.OriginalString);
    }

}
