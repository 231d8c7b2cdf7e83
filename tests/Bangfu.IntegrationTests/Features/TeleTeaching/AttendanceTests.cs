using System.Net;
using System.Text;
using Bangfu.Features.Activities;
using Bangfu.Features.TeleTeaching;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.TeleTeaching;

public sealed class AttendanceTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private async Task<(AllianceSetup S, TeachingSeriesDto Series, IReadOnlyList<TeachingSessionDto> Sessions, HttpClient Admin)> SeriesAsync(int? certificatePercent = null)
    {
        var admin = await app.AdminAsync();
        var s = await TeleTeachingSetup.AllianceAsync(admin);
        // Five Tuesdays in April 2025, an hour each.
        var series = await admin.CreateSeriesAsync(s.Series("FREQ=WEEKLY;BYDAY=TU", new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 30), certificatePercent));
        return (s, series, await admin.SessionsAsync(series.Id), admin);
    }

    [Fact]
    public async Task A_csv_export_is_imported_matching_names_and_unmatched_rows_are_reported()
    {
        var (s, _, sessions, admin) = await SeriesAsync();
        var wang = await admin.CreatePersonAsync(s.SpokeAId, name: Registry.Unique("王"));
        var li = await admin.CreatePersonAsync(s.SpokeBId, name: Registry.Unique("李"));
        var twinA = await admin.CreatePersonAsync(s.SpokeAId, name: Registry.Unique("赵"));
        var twinB = await admin.CreatePersonAsync(s.SpokeBId, name: twinA.Name);
        var session = await admin.HoldAsync(sessions[0]);
        var csv = $"""
            姓名,单位,入会时间,离会时间,时长(分钟)
            {wang.Name},{s.SpokeAName},2025-04-01 14:00,2025-04-01 14:40,40
            {li.Name},县医院,2025-04-01 14:05,2025-04-01 14:20,15
            {li.Name},县医院,2025-04-01 14:30,2025-04-01 15:00,"20"
            {twinA.Name},{s.SpokeAName},2025-04-01 14:00,2025-04-01 15:00,60
            陌生人,某某医院,2025-04-01 14:00,2025-04-01 15:00,60
            {twinB.Name},,2025-04-01 14:00,2025-04-01 15:00,60
            """;
        var result = await (await admin.ImportAsync(session.Id, TeleTeachingSetup.Utf8WithBom(csv.Replace("\n", "\r\n", StringComparison.Ordinal))))
            .ReadAsync<AttendanceImportResult>();
        Assert.Equal(6, result.Rows);
        Assert.Equal(3, result.Written);
        Assert.Equal(2, result.Unmatched.Count);
        Assert.Contains(result.Unmatched, u => u.Name == "陌生人" && u.Row == 6 && !u.IsAmbiguous);
        Assert.Contains(result.Unmatched, u => u.Name == twinB.Name && u.Row == 7 && u.IsAmbiguous);

        var sheet = await (await admin.GetAsync($"/api/teleteaching/sessions/{session.Id}/attendance")).ReadAsync<AttendanceSheetDto>();
        Assert.Equal(30, sheet.PresentMinutes);
        Assert.Equal(40, sheet.Rows.Single(r => r.PersonId == wang.Id).Minutes);
        // Two lines of one person (left and joined again) add up: 15 + 20.
        Assert.Equal(35, sheet.Rows.Single(r => r.PersonId == li.Id).Minutes);
        Assert.Equal(60, sheet.Rows.Single(r => r.PersonId == twinA.Id).Minutes);
        Assert.Null(sheet.Rows.Single(r => r.PersonId == twinB.Id).Minutes);
        Assert.All(sheet.Rows.Where(r => r.Minutes is not null), r => Assert.True(r.IsImported && r.IsPresent));
        Assert.Equal(3, sheet.PresentCount);
    }

    [Fact]
    public async Task Join_and_leave_times_alone_give_the_minutes_and_gbk_is_read()
    {
        var (s, _, sessions, admin) = await SeriesAsync();
        var wang = await admin.CreatePersonAsync(s.SpokeAId, name: Registry.Unique("王"));
        var session = await admin.HoldAsync(sessions[0]);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936).GetBytes($"姓名,入会时间,离会时间\n{wang.Name},14:02:00,14:31:30\n");
        var result = await (await admin.ImportAsync(session.Id, gbk)).ReadAsync<AttendanceImportResult>();
        Assert.Empty(result.Unmatched);
        var sheet = await (await admin.GetAsync($"/api/teleteaching/sessions/{session.Id}/attendance")).ReadAsync<AttendanceSheetDto>();
        var row = sheet.Rows.Single(r => r.PersonId == wang.Id);
        Assert.Equal(29, row.Minutes);
        Assert.False(row.IsPresent);
    }

    [Theory]
    [InlineData("姓名,时长\n{0},45\n{0}2,四十五\n", "row3.时长")]
    [InlineData("Name,Organization,Join time,Leave time\n{0},x,2025-04-01 14:00,2025-04-01 14:40\n{0}2,x,2025-04-01 14:00,yesterday\n", "row3.Leave time")]
    [InlineData("Name,Duration (minutes)\n{0},45\n\"{0}2,45\n", "row3")]
    [InlineData("单位,时长\n县医院,45\n", "file")]
    [InlineData("", "file")]
    public async Task A_malformed_file_writes_nothing_and_names_the_row_and_column(string template, string field)
    {
        var (s, _, sessions, admin) = await SeriesAsync();
        var wang = await admin.CreatePersonAsync(s.SpokeAId, name: Registry.Unique("王"));
        var session = await admin.HoldAsync(sessions[0]);
        var response = await admin.ImportAsync(session.Id, Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, wang.Name)));
        await response.FieldErrorAsync(field);
        var sheet = await (await admin.GetAsync($"/api/teleteaching/sessions/{session.Id}/attendance")).ReadAsync<AttendanceSheetDto>();
        Assert.All(sheet.Rows, r => Assert.Null(r.Minutes));
    }

    [Fact]
    public async Task A_correction_needs_a_reason_and_is_kept_with_who_when_old_and_new()
    {
        var (s, _, sessions, admin) = await SeriesAsync();
        var wang = await admin.CreatePersonAsync(s.SpokeAId, name: Registry.Unique("王"));
        var session = await admin.HoldAsync(sessions[0]);
        await (await admin.ImportAsync(session.Id, TeleTeachingSetup.Utf8WithBom($"姓名,时长\n{wang.Name},20\n"))).ReadAsync<AttendanceImportResult>();
        var url = $"/api/teleteaching/sessions/{session.Id}/attendance";

        await (await admin.PutJsonAsync(url, new SaveAttendanceRequest([new AttendanceEntry(wang.Id, 50)], null))).FieldErrorAsync("reason");
        await (await admin.PutJsonAsync(url, new SaveAttendanceRequest([new AttendanceEntry(wang.Id, 50)], "  "))).FieldErrorAsync("reason");
        await (await admin.ImportAsync(session.Id, TeleTeachingSetup.Utf8WithBom($"姓名,时长\n{wang.Name},50\n"))).FieldErrorAsync("reason");
        var unchanged = await (await admin.GetAsync(url)).ReadAsync<AttendanceSheetDto>();
        Assert.Equal(20, unchanged.Rows.Single(r => r.PersonId == wang.Id).Minutes);

        var (coordinator, userName) = await app.NamedUserAsync(admin, Bangfu.Common.Roles.OrgAdmin, s.HubId);
        var corrected = await (await coordinator.PutJsonAsync(url, new SaveAttendanceRequest([new AttendanceEntry(wang.Id, 50)], "视频系统断线，本人电话确认全程参加")))
            .ReadAsync<AttendanceSheetDto>();
        var row = corrected.Rows.Single(r => r.PersonId == wang.Id);
        Assert.Equal(50, row.Minutes);
        Assert.True(row.IsPresent);
        Assert.False(row.IsImported);

        var history = await (await admin.GetAsync($"{url}/corrections")).ReadAsync<IReadOnlyList<AttendanceCorrectionDto>>();
        var entry = Assert.Single(history);
        Assert.Equal(userName, entry.UserName);
        Assert.Equal(20, entry.OldMinutes);
        Assert.Equal(50, entry.NewMinutes);
        Assert.Equal("视频系统断线，本人电话确认全程参加", entry.Reason);
        Assert.Equal(wang.Name, entry.PersonName);
        Assert.True(entry.At > DateTimeOffset.UtcNow.AddMinutes(-5));

        // A new figure needs no reason; removing one does.
        var li = await admin.CreatePersonAsync(s.SpokeBId);
        await (await admin.PutJsonAsync(url, new SaveAttendanceRequest([new AttendanceEntry(li.Id, 45)], null))).ReadAsync<AttendanceSheetDto>();
        await (await admin.PutJsonAsync(url, new SaveAttendanceRequest([new AttendanceEntry(li.Id, null)], null))).FieldErrorAsync("reason");
        var outsider = await admin.CreatePersonAsync(s.HubId);
        await (await admin.PutJsonAsync(url, new SaveAttendanceRequest([new AttendanceEntry(outsider.Id, 45)], null))).FieldErrorAsync("entries[0].personId");
    }

    [Fact]
    public async Task A_certificate_is_earned_exactly_at_the_threshold_and_not_below()
    {
        var (s, series, sessions, admin) = await SeriesAsync();
        Assert.Equal(5, sessions.Count);
        Assert.Equal(80, series.CertificatePercent);
        var four = await admin.CreatePersonAsync(s.SpokeAId, name: Registry.Unique("四次"));
        var three = await admin.CreatePersonAsync(s.SpokeBId, name: Registry.Unique("三次"));
        var half = await admin.CreatePersonAsync(s.SpokeBId, name: Registry.Unique("半场"));
        for (var i = 0; i < 5; i++)
        {
            var held = await admin.HoldAsync(sessions[i]);
            var entries = new List<AttendanceEntry>();
            if (i < 4)
                entries.Add(new AttendanceEntry(four.Id, 60));
            // 30 of 60 minutes is exactly the 50% that counts as present; 29 is not.
            entries.Add(new AttendanceEntry(three.Id, i < 3 ? 30 : 29));
            entries.Add(new AttendanceEntry(half.Id, i < 4 ? 30 : 0));
            await (await admin.PutJsonAsync($"/api/teleteaching/sessions/{held.Id}/attendance", new SaveAttendanceRequest(entries, null))).ReadAsync<AttendanceSheetDto>();
        }
        var list = await (await admin.GetAsync($"/api/teleteaching/series/{series.Id}/certificates")).ReadAsync<CertificateListDto>();
        Assert.Equal(5, list.HeldSessions);
        var byPerson = list.People.ToDictionary(p => p.PersonId);
        Assert.True(byPerson[four.Id].IsEarned);
        Assert.Equal(80m, byPerson[four.Id].SharePercent);
        Assert.True(byPerson[half.Id].IsEarned);
        Assert.False(byPerson[three.Id].IsEarned);
        Assert.Equal(3, byPerson[three.Id].AttendedSessions);

        // Cancel one held session: four of four is still earned, three of four (75%) is not; raise nothing else.
        var last = (await admin.SessionsAsync(series.Id))[4];
        await (await admin.PutJsonAsync($"/api/teleteaching/sessions/{last.Id}",
            new SaveTeachingSessionRequest(last.Topic, null, null, TeachingSessionStatus.Cancelled, last.Version))).ReadAsync<TeachingSessionDto>();
        var after = await (await admin.GetAsync($"/api/teleteaching/series/{series.Id}/certificates")).ReadAsync<CertificateListDto>();
        Assert.Equal(4, after.HeldSessions);
        Assert.False(after.People.Single(p => p.PersonId == three.Id).IsEarned);

        // A threshold of 75% per series makes three of four enough.
        var current = await (await admin.GetAsync($"/api/teleteaching/series/{series.Id}")).ReadAsync<TeachingSeriesDto>();
        await (await admin.PutJsonAsync($"/api/teleteaching/series/{series.Id}", s.Series(current.RecurrenceRule, current.StartDate, current.EndDate, 75)
            with
        { Version = current.Version })).ReadAsync<TeachingSeriesDto>();
        var relaxed = await (await admin.GetAsync($"/api/teleteaching/series/{series.Id}/certificates")).ReadAsync<CertificateListDto>();
        Assert.True(relaxed.People.Single(p => p.PersonId == three.Id).IsEarned);
    }

    [Fact]
    public async Task A_held_session_is_a_lecture_in_the_ledger_that_follows_attendance_and_goes_when_cancelled()
    {
        var (s, series, sessions, admin) = await SeriesAsync();
        var wang = await admin.CreatePersonAsync(s.SpokeAId);
        var li = await admin.CreatePersonAsync(s.SpokeBId);
        var coordinator = await app.OrgAdminAsync(admin, s.HubId);
        var held = await coordinator.HoldAsync(sessions[0], "早产儿呼吸支持", s.LecturerId);
        Assert.NotNull(held.ActivityId);
        var activity = await (await admin.GetAsync($"/api/activities/{held.ActivityId}")).ReadAsync<ActivityDto>();
        Assert.Equal(ActivityKind.Lecture, activity.Kind);
        Assert.Equal(ActivityUnit.Chang, activity.Unit);
        Assert.Equal(1, activity.Quantity);
        Assert.True(activity.IsOnline);
        Assert.Equal(0, activity.Attendees);
        Assert.Equal(s.HubId, activity.HostOrganizationId);
        Assert.Equal(s.LecturerId, activity.ExpertId);
        Assert.Equal(held.Date, activity.Date);
        Assert.Equal("早产儿呼吸支持", activity.Subject);

        await (await coordinator.PutJsonAsync($"/api/teleteaching/sessions/{held.Id}/attendance",
            new SaveAttendanceRequest([new AttendanceEntry(wang.Id, 60), new AttendanceEntry(li.Id, 10)], null))).ReadAsync<AttendanceSheetDto>();
        Assert.Equal(1, (await (await admin.GetAsync($"/api/activities/{held.ActivityId}")).ReadAsync<ActivityDto>()).Attendees);
        await (await coordinator.PutJsonAsync($"/api/teleteaching/sessions/{held.Id}/attendance",
            new SaveAttendanceRequest([new AttendanceEntry(li.Id, 45)], "补录：会议室共用一个终端"))).ReadAsync<AttendanceSheetDto>();
        Assert.Equal(2, (await (await admin.GetAsync($"/api/activities/{held.ActivityId}")).ReadAsync<ActivityDto>()).Attendees);
        var totals = await (await admin.GetAsync($"/api/activities/totals?partnershipId={s.PartnershipId}&from=2025-04-01&to=2025-04-30"))
            .ReadAsync<IReadOnlyList<ActivityTotal>>();
        var lecture = Assert.Single(totals, t => t.Kind == ActivityKind.Lecture);
        Assert.Equal(1, lecture.Quantity);
        Assert.Equal(2, lecture.Attendees);

        // A stricter present line on the series recounts the held session's lecture: 45 of 60 minutes is below 80%.
        var seriesNow = await (await admin.GetAsync($"/api/teleteaching/series/{series.Id}")).ReadAsync<TeachingSeriesDto>();
        await (await coordinator.PutJsonAsync($"/api/teleteaching/series/{series.Id}", s.Series(seriesNow.RecurrenceRule, seriesNow.StartDate, seriesNow.EndDate)
            with
        { PresentSharePercent = 80, Version = seriesNow.Version })).ReadAsync<TeachingSeriesDto>();
        Assert.Equal(1, (await (await admin.GetAsync($"/api/activities/{held.ActivityId}")).ReadAsync<ActivityDto>()).Attendees);

        var current = await (await admin.GetAsync($"/api/teleteaching/sessions/{held.Id}")).ReadAsync<TeachingSessionDto>();
        var cancelled = await (await coordinator.PutJsonAsync($"/api/teleteaching/sessions/{held.Id}",
            new SaveTeachingSessionRequest(current.Topic, current.LecturerId, null, TeachingSessionStatus.Cancelled, current.Version))).ReadAsync<TeachingSessionDto>();
        Assert.Null(cancelled.ActivityId);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/activities/{held.ActivityId}")).StatusCode);
        var none = await (await admin.GetAsync($"/api/activities/totals?partnershipId={s.PartnershipId}&from=2025-04-01&to=2025-04-30"))
            .ReadAsync<IReadOnlyList<ActivityTotal>>();
        Assert.DoesNotContain(none, t => t.Kind == ActivityKind.Lecture);
        // Attendance belongs to held sessions only.
        await (await coordinator.PutJsonAsync($"/api/teleteaching/sessions/{held.Id}/attendance",
            new SaveAttendanceRequest([new AttendanceEntry(wang.Id, 50)], "x"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(series.Id, cancelled.SeriesId);
    }

    [Fact]
    public async Task A_closed_month_refuses_holding_a_session_and_nothing_changes()
    {
        var (s, _, sessions, admin) = await SeriesAsync();
        var close = await admin.PostJsonAsync($"/api/partnerships/{s.PartnershipId}/closed-months", new CloseMonthsRequest("2025-04", "2025-04"));
        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        var refused = await admin.PutJsonAsync($"/api/teleteaching/sessions/{sessions[0].Id}",
            new SaveTeachingSessionRequest("x", null, null, TeachingSessionStatus.Held, sessions[0].Version));
        await refused.ProblemAsync(HttpStatusCode.Conflict);
        var after = await (await admin.GetAsync($"/api/teleteaching/sessions/{sessions[0].Id}")).ReadAsync<TeachingSessionDto>();
        Assert.Equal(TeachingSessionStatus.Scheduled, after.Status);
        Assert.Null(after.ActivityId);
    }
}
