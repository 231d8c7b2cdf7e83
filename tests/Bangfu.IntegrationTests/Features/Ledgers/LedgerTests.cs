using System.Net;
using Bangfu.Common;
using Bangfu.Features.Accounts;
using Bangfu.Features.Activities;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Organizations;
using Bangfu.Features.People;
using Bangfu.Features.Techniques;
using Bangfu.Features.Trainees;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using MiniExcelLibs;

namespace Bangfu.IntegrationTests.Features.Ledgers;

public sealed class LedgerTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private const string Period = "from=2024-01-01&to=2024-06-30";

    /// A partnership with a dispatch, four activities (one outside the first half), a technique and a trainee.
    private async Task<(LedgerSetup S, HttpClient Admin)> LedgerAsync()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var dispatch = await admin.CreateDispatchAsync(s.Dispatch(new DateOnly(2023, 12, 1), new DateOnly(2024, 2, 29), batch: 3));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 1, 10), 2, ActivityUnit.Tai, dispatchId: dispatch.Id) with { Subject = "腹腔镜胆囊切除术" });
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, new DateOnly(2024, 2, 3), 1, ActivityUnit.Chang, 40) with { IsOnline = true, Note = "线上讲座" });
        await admin.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, new DateOnly(2024, 6, 30), 3, ActivityUnit.Ci, 12));
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 7, 1), 5, ActivityUnit.Li));
        var technique = await (await admin.PostJsonAsync("/api/techniques", new SaveTechniqueRequest(s.PartnershipId, s.SupportedId, s.HostDepartmentId,
            "经皮椎体成形术", 3, new DateOnly(2024, 3, 1), s.ExpertId, GapLevel.County))).ReadAsync<TechniqueDto>(HttpStatusCode.Created);
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 3, 1), 4, ActivityUnit.Li) with { TechniqueId = technique.Id });
        var trainee = await admin.CreatePersonAsync(s.SupportedId, level: TitleLevel.Junior, name: Registry.Unique("进修"));
        var mentor = await admin.CreatePersonAsync(s.SupportingId, level: TitleLevel.Senior, name: Registry.Unique("导师"));
        await (await admin.PostJsonAsync("/api/trainees", new SaveTraineeRequest(s.PartnershipId, trainee.Id, TraineeKind.FurtherStudy, s.SupportingId, null,
            mentor.Id, new DateOnly(2024, 3, 1), new DateOnly(2024, 8, 31), IsHousingProvided: true, MonthlySubsidyYuan: 2000,
            TeachesAfterReturn: "开展椎体成形术"))).ReadAsync<TraineeDto>(HttpStatusCode.Created);
        return (s, admin);
    }

    private static async Task<MemoryStream> XlsxAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return stream;
    }

    private static List<IDictionary<string, object?>> Sheet(Stream xlsx, string name)
    {
        xlsx.Position = 0;
        return xlsx.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().ToList();
    }

    private static double Number(object? cell) => Convert.ToDouble(cell, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_partnership_ledger_has_one_sheet_per_ledger_with_chinese_headings_rows_of_the_period_and_totals()
    {
        var (s, admin) = await LedgerAsync();
        using var xlsx = await XlsxAsync(await admin.GetAsync($"/api/reports/ledger?partnershipId={s.PartnershipId}&{Period}&format=xlsx"));

        Assert.Equal(["派驻人员台账", "工作量台账", "新技术新项目台账", "进修人员台账", "指标表", "汇总"], MiniExcel.GetSheetNames(xlsx));

        var activities = Sheet(xlsx, "工作量台账");
        Assert.Equal(["日期", "专家", "派驻单位", "科室", "类别", "项目/术式", "数量", "单位", "参加人次", "线上/线下", "备注", "附件数", "系统编号"], activities[0].Keys);
        Assert.Equal(5, activities.Count); // four in the first half, and the totals row
        Assert.Equal(new DateTime(2024, 1, 10), activities[0]["日期"]);
        Assert.Equal("手术", activities[0]["类别"]);
        Assert.Equal("台", activities[0]["单位"]);
        Assert.Equal("腹腔镜胆囊切除术", activities[0]["项目/术式"]);
        Assert.Equal("线下", activities[0]["线上/线下"]);
        Assert.Equal("线上", activities[1]["线上/线下"]);
        Assert.Equal("学术讲座/业务培训", activities[1]["类别"]);
        Assert.Equal(new DateTime(2024, 6, 30), activities[3]["日期"]);
        var total = activities[^1];
        Assert.Equal("合计（4 条）", total["日期"]);
        Assert.Equal(2 + 1 + 4 + 3, Number(total["数量"]));
        Assert.Equal(40 + 12, Number(total["参加人次"]));

        var dispatches = Sheet(xlsx, "派驻人员台账");
        Assert.Equal(["批次", "姓名", "职称", "派出单位", "派驻单位", "科室", "派驻方式", "职务", "开始日期", "结束日期", "天数", "状态", "附件数"], dispatches[0].Keys);
        Assert.Equal(2, dispatches.Count);
        Assert.Equal("第3批", dispatches[0]["批次"]);
        Assert.Equal("驻点", dispatches[0]["派驻方式"]);
        Assert.Equal("专家", dispatches[0]["职务"]);
        Assert.Equal("已结束", dispatches[0]["状态"]);
        Assert.Equal(new DateTime(2023, 12, 1), dispatches[0]["开始日期"]);
        Assert.Equal(60, Number(dispatches[0]["天数"])); // 2024-01-01 … 2024-02-29 inside the period
        Assert.Equal("合计（1 条）", dispatches[1]["批次"]);
        Assert.Equal(60, Number(dispatches[1]["天数"]));

        var techniques = Sheet(xlsx, "新技术新项目台账");
        Assert.Equal(["名称", "派驻单位", "科室", "手术分级", "首次开展日期", "引进专家", "填补空白级别", "开展例数", "附件数"], techniques[0].Keys);
        Assert.Equal("经皮椎体成形术", techniques[0]["名称"]);
        Assert.Equal("三级", techniques[0]["手术分级"]);
        Assert.Equal("县域首例", techniques[0]["填补空白级别"]);
        Assert.Equal(4, Number(techniques[0]["开展例数"]));
        Assert.Equal("合计（1 条）", techniques[1]["名称"]);
        Assert.Equal(4, Number(techniques[1]["开展例数"]));

        var trainees = Sheet(xlsx, "进修人员台账");
        Assert.Equal(["姓名", "类别", "派出单位", "接收单位/科室", "带教老师（职称）", "开始", "结束", "住宿", "补贴（元/月）", "考核结果", "回院后开展", "附件数"], trainees[0].Keys);
        Assert.Equal("进修", trainees[0]["类别"]);
        Assert.Equal("在修", trainees[0]["考核结果"]);
        Assert.Equal("提供", trainees[0]["住宿"]);
        Assert.Equal(2000, Number(trainees[0]["补贴（元/月）"]));
        Assert.Contains("副主任医师", (string)trainees[0]["带教老师（职称）"]!);
        Assert.Equal("合计（1 条）", trainees[1]["姓名"]);

        var summary = Sheet(xlsx, "汇总");
        Assert.Equal(["类别", "单位", "数量", "参加人次", "记录条数"], summary[0].Keys);
        var surgery = summary.Single(r => (string?)r["类别"] == "手术");
        Assert.Equal(6, Number(surgery["数量"])); // the July surgery is outside the months counted
        Assert.Equal("台/例", surgery["单位"]);
        var sum = summary.Single(r => (string?)r["类别"] == "合计");
        Assert.Equal(10, Number(sum["数量"]));
        Assert.Equal(52, Number(sum["参加人次"]));
        Assert.Equal(4, Number(sum["记录条数"]));
    }

    [Fact]
    public async Task Text_that_a_spreadsheet_would_run_is_written_as_text_and_reads_back_as_typed()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        const string name = "=HYPERLINK(\"http://x.example/\",\"看\")";
        var person = await admin.CreatePersonAsync(s.SupportedId, level: TitleLevel.Junior, name: name);
        await (await admin.PostJsonAsync("/api/trainees", new SaveTraineeRequest(s.PartnershipId, person.Id, TraineeKind.FurtherStudy, s.SupportingId, null,
            null, new DateOnly(2024, 3, 1), new DateOnly(2024, 8, 31), TeachesAfterReturn: "＝1+1"))).ReadAsync<TraineeDto>(HttpStatusCode.Created);
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, new DateOnly(2024, 2, 3), 1, ActivityUnit.Chang, 40) with { Subject = "@SUM(1+1)", Note = "-2+3" });
        using var xlsx = await XlsxAsync(await admin.GetAsync($"/api/reports/ledger?partnershipId={s.PartnershipId}&{Period}&format=xlsx"));

        // No cell of any sheet carries a formula...
        using (var zip = new System.IO.Compression.ZipArchive(xlsx, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
        {
            foreach (var part in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(part.Open());
                var xml = await reader.ReadToEndAsync();
                Assert.DoesNotMatch(@"<(\w+:)?f[\s/>]", xml);
            }
        }
        // ...and each text reads back as typed, behind the apostrophe that keeps a spreadsheet from running it.
        var trainee = Sheet(xlsx, "进修人员台账")[0];
        Assert.Equal("'" + name, trainee["姓名"]);
        Assert.Equal("'＝1+1", trainee["回院后开展"]);
        var activity = Sheet(xlsx, "工作量台账")[0];
        Assert.Equal("'@SUM(1+1)", activity["项目/术式"]);
        Assert.Equal("'-2+3", activity["备注"]);
    }

    [Fact]
    public async Task The_period_and_the_ledger_list_choose_rows_and_sheets()
    {
        var (s, admin) = await LedgerAsync();
        using var xlsx = await XlsxAsync(await admin.GetAsync($"/api/reports/ledger?partnershipId={s.PartnershipId}&from=2024-07-01&to=2024-12-31&ledgers=activity,dispatch"));
        Assert.Equal(["派驻人员台账", "工作量台账", "汇总"], MiniExcel.GetSheetNames(xlsx));
        var activities = Sheet(xlsx, "工作量台账");
        Assert.Equal(2, activities.Count);
        Assert.Equal(new DateTime(2024, 7, 1), activities[0]["日期"]);
        Assert.Equal("例", activities[0]["单位"]);
        Assert.Equal("合计（1 条）", activities[1]["日期"]);
        Assert.Equal(5, Number(activities[1]["数量"]));
        var dispatches = Sheet(xlsx, "派驻人员台账");
        Assert.Equal("合计（0 条）", Assert.Single(dispatches)["批次"]);
    }

    [Fact]
    public async Task An_organization_ledger_holds_its_partnerships_and_a_region_ledger_is_for_commissions_of_that_region()
    {
        var (s, admin) = await LedgerAsync();
        var other = await WorkLedger.SetUpAsync(admin);
        await admin.CreateActivityAsync(other.Activity(ActivityKind.Outpatient, new DateOnly(2024, 4, 1), 30, ActivityUnit.RenCi));

        using (var xlsx = await XlsxAsync(await admin.GetAsync($"/api/reports/ledger?organizationId={s.SupportedId}&{Period}&ledgers=activity")))
            Assert.Equal("合计（4 条）", Sheet(xlsx, "工作量台账")[^1]["日期"]);

        // Both supported hospitals are in 513423; a commission of Sichuan (51) reads the region, one of Guizhou does not.
        var sichuan = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "510000", kind: OrganizationKind.HealthCommission)).Id);
        using (var xlsx = await XlsxAsync(await sichuan.GetAsync($"/api/reports/ledger?regionCode=513423&{Period}&ledgers=activity")))
        {
            var rows = Sheet(xlsx, "工作量台账");
            Assert.Contains(rows, r => (string?)r["类别"] == "门(急)诊");
            Assert.True(rows.Count >= 6);
        }
        var guizhou = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "520000", kind: OrganizationKind.HealthCommission)).Id);
        await (await guizhou.GetAsync($"/api/reports/ledger?regionCode=513423&{Period}")).ProblemAsync(HttpStatusCode.Forbidden);
        var coordinator = await app.OrgAdminAsync(admin, s.SupportedId);
        await (await coordinator.GetAsync($"/api/reports/ledger?regionCode=513423&{Period}")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_hospital_of_another_partnership_gets_404_and_an_expert_sees_only_own_work()
    {
        var (s, admin) = await LedgerAsync();
        var stranger = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/reports/ledger?partnershipId={s.PartnershipId}&{Period}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/reports/ledger?partnershipId=999999&{Period}")).StatusCode);
        // An organization the caller shares nothing with: its ledger is empty, not somebody else's records.
        using (var xlsx = await XlsxAsync(await stranger.GetAsync($"/api/reports/ledger?organizationId={s.SupportedId}&{Period}&ledgers=activity")))
            Assert.Equal("合计（0 条）", Assert.Single(Sheet(xlsx, "工作量台账"))["日期"]);

        var userName = Registry.Unique("e");
        var colleague = await admin.CreatePersonAsync(s.SupportingId);
        await (await admin.PostJsonAsync("/api/users", new SaveUserRequest(userName, "专家", Roles.Expert, s.SupportingId, Registry.UserPassword, colleague.Id)))
            .ReadAsync<UserDto>(HttpStatusCode.Created);
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Consultation, new DateOnly(2024, 5, 5), 7, ActivityUnit.RenCi) with { ExpertId = colleague.Id });
        var expert = await app.ClientForAsync(userName, Registry.UserPassword);
        using var own = await XlsxAsync(await expert.GetAsync($"/api/reports/ledger?partnershipId={s.PartnershipId}&{Period}&ledgers=activity"));
        var rows = Sheet(own, "工作量台账");
        Assert.Equal(2, rows.Count);
        Assert.Equal("会诊", rows[0]["类别"]);
        Assert.Equal("合计（1 条）", rows[1]["日期"]);
        var summary = Sheet(own, "汇总");
        Assert.Equal(7, Number(summary.Single(r => (string?)r["类别"] == "合计")["数量"]));
    }

    [Theory]
    [InlineData("partnershipId=1&organizationId=1&from=2024-01-01&to=2024-06-30", "organizationId")]
    [InlineData("from=2024-01-01&to=2024-06-30", "partnershipId")]
    [InlineData("partnershipId=1&from=2024-06-30&to=2024-01-01", "to")]
    [InlineData("partnershipId=1&from=2024-13-01&to=2024-06-30", "from")]
    [InlineData("partnershipId=1&to=2024-06-30", "from")]
    [InlineData("partnershipId=1&from=2024-01-01&to=2024-06-30&format=pdf", "format")]
    [InlineData("partnershipId=1&from=2024-01-01&to=2024-06-30&ledgers=activity,meetings", "ledgers")]
    [InlineData("regionCode=51&from=2024-01-01&to=2024-06-30", "regionCode")]
    public async Task Bad_requests_are_field_errors(string query, string field)
    {
        var admin = await app.AdminAsync();
        await (await admin.GetAsync($"/api/reports/ledger?{query}")).FieldErrorAsync(field);
    }

    [Fact]
    public async Task The_workbook_is_in_english_when_asked()
    {
        var (s, admin) = await LedgerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/ledger?partnershipId={s.PartnershipId}&{Period}&ledgers=activity");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var xlsx = await XlsxAsync(await admin.SendAsync(request));
        Assert.Equal(["Activities", "Summary"], MiniExcel.GetSheetNames(xlsx));
        var rows = Sheet(xlsx, "Activities");
        Assert.Equal("Surgery", rows[0]["Kind"]);
        Assert.Equal("Total (4 rows)", rows[^1]["Date"]);
    }

    [Fact]
    public async Task Field_errors_are_in_english_when_asked()
    {
        var admin = await app.AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/ledger?from=2024-01-01&to=2024-06-30");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var messages = await (await admin.SendAsync(request)).FieldErrorAsync("partnershipId");
        Assert.Contains("exactly one", messages[0], StringComparison.Ordinal);
    }
}
