using System.Net;
using Bangfu.Common;
using Bangfu.Features.Organizations;
using Bangfu.Features.TeleTeaching;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.TeleTeaching;

public sealed class TeachingSeriesTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task A_weekly_rule_generates_one_session_per_tuesday_and_a_monthly_rule_the_third_thursdays()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        var weekly = await admin.CreateSeriesAsync(s.Series("FREQ=WEEKLY;BYDAY=TU", new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)));
        var sessions = await admin.SessionsAsync(weekly.Id);
        Assert.Equal(12, sessions.Count);
        Assert.All(sessions, x => Assert.Equal(DayOfWeek.Tuesday, x.Date.DayOfWeek));
        Assert.All(sessions, x => Assert.Equal(TeachingSessionStatus.Scheduled, x.Status));
        Assert.Equal(new DateOnly(2025, 1, 7), sessions[0].Date);
        Assert.Equal(12, weekly.SessionCount);
        Assert.Equal(2, weekly.Spokes.Count);

        var monthly = await admin.CreateSeriesAsync(s.Series("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        var thursdays = await admin.SessionsAsync(monthly.Id);
        Assert.Equal(12, thursdays.Count);
        Assert.All(thursdays, x => Assert.True(x.Date.DayOfWeek == DayOfWeek.Thursday && x.Date.Day is >= 15 and <= 21));

        var byDay = await admin.CreateSeriesAsync(s.Series("FREQ=MONTHLY;BYMONTHDAY=15", new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30)));
        Assert.Equal([15], (await admin.SessionsAsync(byDay.Id)).Select(x => x.Date.Day).Distinct());
    }

    [Fact]
    public async Task Until_at_most_three_years_ahead_and_only_weekly_or_monthly()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        var limit = today.AddYears(3);
        var ok = await admin.CreateSeriesAsync(s.Series("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", today, limit));
        Assert.InRange(ok.SessionCount, 35, 37);
        await (await admin.PostJsonAsync("/api/teleteaching/series", s.Series("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", today, limit.AddDays(1)))).FieldErrorAsync("endDate");
        await (await admin.PostJsonAsync("/api/teleteaching/series", s.Series("FREQ=DAILY", today, today.AddMonths(1)))).FieldErrorAsync("recurrenceRule");
        await (await admin.PostJsonAsync("/api/teleteaching/series", s.Series("every tuesday", today, today.AddMonths(1)))).FieldErrorAsync("recurrenceRule");
        var tooFar = await admin.PutJsonAsync($"/api/teleteaching/series/{ok.Id}",
            s.Series(ok.RecurrenceRule, ok.StartDate, limit.AddYears(1)) with { Version = ok.Version });
        await tooFar.FieldErrorAsync("endDate");
    }

    [Fact]
    public async Task Hub_and_spokes_must_be_parties_and_the_hub_is_not_a_spoke()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        var stranger = await admin.CreateOrganizationAsync();
        var from = new DateOnly(2025, 1, 1);
        var to = new DateOnly(2025, 2, 1);
        await (await admin.PostJsonAsync("/api/teleteaching/series", s.Series("FREQ=WEEKLY;BYDAY=TU", from, to) with { HubOrganizationId = stranger.Id }))
            .FieldErrorAsync("hubOrganizationId");
        await (await admin.PostJsonAsync("/api/teleteaching/series", s.Series("FREQ=WEEKLY;BYDAY=TU", from, to) with { SpokeOrganizationIds = [s.SpokeAId, stranger.Id] }))
            .FieldErrorAsync("spokeOrganizationIds");
        await (await admin.PostJsonAsync("/api/teleteaching/series", s.Series("FREQ=WEEKLY;BYDAY=TU", from, to) with { SpokeOrganizationIds = [s.HubId] }))
            .FieldErrorAsync("spokeOrganizationIds");
    }

    [Fact]
    public async Task Changing_the_rule_regenerates_sessions_but_keeps_those_held_with_attendance()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        var series = await admin.CreateSeriesAsync(s.Series("FREQ=WEEKLY;BYDAY=TU", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)));
        var tuesdays = await admin.SessionsAsync(series.Id);
        Assert.Equal(4, tuesdays.Count);
        var held = await admin.HoldAsync(tuesdays[1]);
        var person = await admin.CreatePersonAsync(s.SpokeAId);
        var saved = await admin.PutJsonAsync($"/api/teleteaching/sessions/{held.Id}/attendance",
            new SaveAttendanceRequest([new AttendanceEntry(person.Id, 55)], null));
        await saved.ReadAsync<AttendanceSheetDto>();

        var changed = await (await admin.PutJsonAsync($"/api/teleteaching/series/{series.Id}",
            s.Series("FREQ=WEEKLY;BYDAY=TH", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)) with { Version = series.Version }))
            .ReadAsync<TeachingSeriesDto>();
        var after = await admin.SessionsAsync(series.Id);
        Assert.Equal(6, after.Count);
        Assert.Equal(6, changed.SessionCount);
        var kept = Assert.Single(after, x => x.Date.DayOfWeek == DayOfWeek.Tuesday);
        Assert.Equal(held.Id, kept.Id);
        Assert.Equal(1, kept.PresentCount);
        Assert.Equal(5, after.Count(x => x.Date.DayOfWeek == DayOfWeek.Thursday));

        var stale = await admin.PutJsonAsync($"/api/teleteaching/series/{series.Id}",
            s.Series("FREQ=WEEKLY;BYDAY=FR", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)) with { Version = series.Version });
        await stale.ProblemAsync(HttpStatusCode.Conflict);
        var delete = await admin.DeleteAsync($"/api/teleteaching/series/{series.Id}?version={changed.Version}");
        await delete.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cases_with_an_identity_number_are_refused_and_future_sessions_cannot_be_held()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        var series = await admin.CreateSeriesAsync(s.Series("FREQ=WEEKLY;BYDAY=TU", today.AddDays(-21), today.AddDays(21)));
        var sessions = await admin.SessionsAsync(series.Id);
        var past = sessions.First(x => x.Date < today);
        var future = sessions[^1];
        var withId = await admin.PutJsonAsync($"/api/teleteaching/sessions/{past.Id}",
            new SaveTeachingSessionRequest("病例讨论", s.LecturerId, "患儿张某，身份证 14010520180101123X，发热三天", TeachingSessionStatus.Held, past.Version));
        await withId.FieldErrorAsync("cases");
        var inFuture = await admin.PutJsonAsync($"/api/teleteaching/sessions/{future.Id}",
            new SaveTeachingSessionRequest("病例讨论", s.LecturerId, null, TeachingSessionStatus.Held, future.Version));
        await inFuture.FieldErrorAsync("status");
        var outsider = await admin.CreatePersonAsync((await admin.CreateOrganizationAsync()).Id);
        var strangerLecturer = await admin.PutJsonAsync($"/api/teleteaching/sessions/{past.Id}",
            new SaveTeachingSessionRequest("病例讨论", outsider.Id, null, TeachingSessionStatus.Held, past.Version));
        await strangerLecturer.FieldErrorAsync("lecturerId");
        var fine = await admin.PutJsonAsync($"/api/teleteaching/sessions/{past.Id}",
            new SaveTeachingSessionRequest("病例讨论", s.LecturerId, "患儿，男，3 岁，发热三天（住院号已去除）", TeachingSessionStatus.Held, past.Version));
        Assert.Equal(TeachingSessionStatus.Held, (await fine.ReadAsync<TeachingSessionDto>()).Status);
    }

    [Fact]
    public async Task Another_hospital_gets_404_a_party_reader_403_on_change_and_the_commission_reads_its_region()
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        var series = await admin.CreateSeriesAsync(s.Series("FREQ=WEEKLY;BYDAY=TU", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)));
        var session = (await admin.SessionsAsync(series.Id))[0];

        var other = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/teleteaching/series/{series.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/teleteaching/series/{series.Id}/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/teleteaching/series/{series.Id}/certificates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/teleteaching/sessions/{session.Id}/attendance")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutJsonAsync($"/api/teleteaching/sessions/{session.Id}",
            new SaveTeachingSessionRequest("x", null, null, TeachingSessionStatus.Cancelled, session.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.ImportAsync(session.Id, TeleTeachingSetup.Utf8WithBom("姓名,时长\n张三,50\n"))).StatusCode);
        Assert.DoesNotContain(await (await other.GetAsync("/api/teleteaching/series")).ReadAsync<IReadOnlyList<TeachingSeriesDto>>(), x => x.Id == series.Id);

        var spokeCoordinator = await app.OrgAdminAsync(admin, s.SpokeBId);
        Assert.Equal(series.Id, (await (await spokeCoordinator.GetAsync($"/api/teleteaching/series/{series.Id}")).ReadAsync<TeachingSeriesDto>()).Id);
        var spokeReader = await app.UserAsync(admin, Roles.ReadOnly, s.SpokeAId);
        Assert.Equal(HttpStatusCode.OK, (await spokeReader.GetAsync($"/api/teleteaching/series/{series.Id}/sessions")).StatusCode);
        await (await spokeReader.PutJsonAsync($"/api/teleteaching/sessions/{session.Id}",
            new SaveTeachingSessionRequest("x", null, null, TeachingSessionStatus.Cancelled, session.Version))).ProblemAsync(HttpStatusCode.Forbidden);

        var shanxi = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "140000", kind: OrganizationKind.HealthCommission)).Id);
        Assert.Equal(HttpStatusCode.OK, (await shanxi.GetAsync($"/api/teleteaching/series/{series.Id}")).StatusCode);
        var zhejiang = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "330000", kind: OrganizationKind.HealthCommission)).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await zhejiang.GetAsync($"/api/teleteaching/series/{series.Id}")).StatusCode);
    }
}
