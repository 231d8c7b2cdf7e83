using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Import;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Bangfu.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;

namespace Bangfu.IntegrationTests.Features.Import;

public sealed class ImportTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private const string Period = "from=2024-01-01&to=2024-12-31";
    private static readonly string[] Headings = ["日期", "专家", "派驻单位", "科室", "类别", "项目/术式", "数量", "单位", "参加人次", "线上/线下", "备注"];

    private sealed record Setup(LedgerSetup S, HttpClient Admin, string ExpertName, string HostName);

    private async Task<Setup> SetUpAsync()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var expert = await GetAsync<Bangfu.Features.People.PersonDto>(admin, $"/api/people/{s.ExpertId}");
        var host = await GetAsync<Bangfu.Features.Organizations.OrganizationDto>(admin, $"/api/organizations/{s.SupportedId}");
        return new Setup(s, admin, expert.Name, host.Name);
    }

    private static async Task<T> GetAsync<T>(HttpClient client, string url) => await (await client.GetAsync(url)).ReadAsync<T>();

    private static async Task<ImportPreviewDto> UploadAsync(HttpClient client, int partnershipId, byte[] xlsx, string name = "台账.xlsx") =>
        await (await client.PostAsync($"/api/partnerships/{partnershipId}/imports/activities", TestSheets.Upload(xlsx, name)))
            .ReadAsync<ImportPreviewDto>(HttpStatusCode.Created);

    private static async Task<ImportBatchDto> CommitAsync(HttpClient client, long id) =>
        await (await client.PostAsync($"/api/imports/{id}/commit", null)).ReadAsync<ImportBatchDto>();

    private static async Task<List<ActivityDto>> ActivitiesAsync(HttpClient client, int partnershipId) =>
        [.. (await GetAsync<Page<ActivityDto>>(client, $"/api/activities?partnershipId={partnershipId}&pageSize=200&sort=date")).Items];

    private static async Task<byte[]> ExportAsync(HttpClient client, int partnershipId)
    {
        var response = await client.GetAsync($"/api/reports/ledger?partnershipId={partnershipId}&{Period}&ledgers=activity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static List<Dictionary<string, object?>> Rows(byte[] xlsx) =>
        [.. new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r))];

    private static byte[] Write(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var output = new MemoryStream();
        output.SaveAs(rows);
        return output.ToArray();
    }

    [Fact]
    public async Task An_exported_ledger_comes_back_unchanged_an_edited_one_corrects_its_rows_and_it_copies_into_another_partnership()
    {
        var (s, admin, expertName, _) = await SetUpAsync();
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2024, 1, 10), 2, ActivityUnit.Tai) with { Subject = "腹腔镜胆囊切除术" });
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Lecture, new DateOnly(2024, 2, 3), 1, ActivityUnit.Chang, 40) with { IsOnline = true, Note = "线上讲座" });
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Outpatient, new DateOnly(2024, 3, 1), 120, ActivityUnit.RenCi, monthlyTotal: true) with { Note = "门诊合计" });
        await admin.CreateActivityAsync(s.Activity(ActivityKind.TeachingRound, new DateOnly(2024, 6, 30), 3, ActivityUnit.Ci, 12) with { ExpertId = null });
        var before = await ActivitiesAsync(admin, s.PartnershipId);

        var export = await ExportAsync(admin, s.PartnershipId);
        var same = await UploadAsync(admin, s.PartnershipId, export, "工作量台账.xlsx");
        Assert.Equal((4, 0, 0, 4, 0), (same.Batch.Rows, same.Batch.Creates, same.Batch.Updates, same.Batch.Unchanged, same.Batch.Errors));
        Assert.Equal(1, same.Batch.Skipped);
        Assert.Contains(same.Notes, n => n.Contains("合计行已跳过：第 6 行", StringComparison.Ordinal));
        Assert.All(same.Rows, r => Assert.Equal("unchanged", r.Action));
        Assert.Equal(expertName, same.Rows[0].Values["专家"]);

        // Edited in Excel: the surgery becomes 3, the lecture's note changes; the monthly total stays a monthly total.
        var rows = Rows(export);
        rows[0]["数量"] = 3;
        rows[1]["备注"] = "线上讲座（回放）";
        var edited = Write(rows);
        var preview = await UploadAsync(admin, s.PartnershipId, edited, "工作量台账（改）.xlsx");
        Assert.Equal((2, 2, 0), (preview.Batch.Updates, preview.Batch.Unchanged, preview.Batch.Errors));
        var committed = await CommitAsync(admin, preview.Batch.Id);
        Assert.Equal(ImportState.Committed, committed.State);
        var after = await ActivitiesAsync(admin, s.PartnershipId);
        Assert.Equal(before.Select(a => a.Id), after.Select(a => a.Id));
        Assert.Equal(3, after.Single(a => a.Kind == ActivityKind.Surgery).Quantity);
        Assert.Equal("线上讲座（回放）", after.Single(a => a.Kind == ActivityKind.Lecture).Note);
        var monthly = after.Single(a => a.Kind == ActivityKind.Outpatient);
        Assert.True(monthly.IsMonthlyTotal);
        Assert.Equal(("门诊合计", 120), (monthly.Note, monthly.Quantity));
        var history = await GetAsync<List<ActivityChangeDto>>(admin, $"/api/activities/{after[0].Id}/history");
        Assert.Contains(history, h => h.Reason is { } reason && reason.Contains("工作量台账（改）.xlsx", StringComparison.Ordinal));

        // The same sheet into another partnership of the same hospitals: its 系统编号 are not that partnership's, so
        // every row is new there.
        var second = await admin.CreatePartnershipAsync(s.SupportingId, s.SupportedId, PartnershipKind.MountainSea);
        var copy = await UploadAsync(admin, second.Id, edited, "工作量台账（改）.xlsx");
        Assert.Equal((4, 0, 0), (copy.Batch.Creates, copy.Batch.Updates, copy.Batch.Errors));
        await CommitAsync(admin, copy.Batch.Id);
        var copied = await ActivitiesAsync(admin, second.Id);
        Assert.Equal(after.Select(a => (a.Kind, a.Date, a.Quantity, a.Unit, a.Attendees, a.IsOnline, a.IsMonthlyTotal, a.Note, a.ExpertId)),
            copied.Select(a => (a.Kind, a.Date, a.Quantity, a.Unit, a.Attendees, a.IsOnline, a.IsMonthlyTotal, a.Note, a.ExpertId)));
        Assert.Equal(copied.Select(a => a.Id).Order(), copied.Select(a => a.Id));
    }

    [Fact]
    public async Task A_coordinators_own_sheet_with_a_title_text_dates_approximate_counts_and_a_totals_row_imports_with_warnings()
    {
        var (s, admin, expertName, hostName) = await SetUpAsync();
        var xlsx = TestSheets.Xlsx(
        [
            ["2024年上半年对口帮扶工作量统计表"],
            ["填报单位：" + hostName],
            null,
            ["序号", "时间", "专家姓名", "受援医院", "工作内容", "例数", "计量单位", "培训人次", "形式", "备注"],
            [1, "2024.3.5", expertName, hostName, "手术", "6余", "例", null, "现场", null],
            [2, "2024年3月6日", expertName, hostName, "查房", 3, null, "约30", null, null],
            [3, new DateTime(2024, 3, 7), expertName, hostName, "讲座", "1", "场", 45, "线上", "远程讲座"],
            [4, "2024/3", null, hostName, "门诊", 300, null, null, null, "三月门诊"],
            ["合计", null, null, null, null, 310],
        ], "A1:J1", "A2:J2");
        var preview = await UploadAsync(admin, s.PartnershipId, xlsx);
        Assert.Equal(4, preview.HeaderRow);
        Assert.Equal((4, 4, 0), (preview.Batch.Rows, preview.Batch.Creates, preview.Batch.Errors));
        Assert.Contains(preview.Notes, n => n.Contains("第 9 行", StringComparison.Ordinal));
        Assert.Equal([5, 6, 7, 8], preview.Rows.Select(r => r.Row));
        var approx = preview.Rows[0].Issues.Single();
        Assert.Equal(("数量", false), (approx.Column, approx.IsError));
        Assert.Contains("6余", approx.Message, StringComparison.Ordinal);
        Assert.Equal("参加人次", preview.Rows[1].Issues.Single().Column);
        Assert.Equal(2, preview.Batch.Warnings);

        await CommitAsync(admin, preview.Batch.Id);
        var stored = await ActivitiesAsync(admin, s.PartnershipId);
        Assert.Equal(
            [(ActivityKind.Surgery, new DateOnly(2024, 3, 5), 6, ActivityUnit.Li, 0, false, false),
             (ActivityKind.TeachingRound, new DateOnly(2024, 3, 6), 3, ActivityUnit.Ci, 30, false, false),
             (ActivityKind.Lecture, new DateOnly(2024, 3, 7), 1, ActivityUnit.Chang, 45, true, false),
             (ActivityKind.Outpatient, new DateOnly(2024, 3, 1), 300, ActivityUnit.RenCi, 0, false, true)],
            stored.Select(a => (a.Kind, a.Date, a.Quantity, a.Unit, a.Attendees, a.IsOnline, a.IsMonthlyTotal)).OrderBy(a => a.Date).ThenBy(a => a.Kind).ToList()
                .OrderBy(a => a.Item2 == new DateOnly(2024, 3, 1) ? 1 : 0).ToList());
        // The approximate figure says so in the ledger export, and comes back approximate from it.
        var ledger = Rows(await ExportAsync(admin, s.PartnershipId));
        Assert.Equal("（约数）", ledger.Single(r => (string?)r["类别"] == "手术")["备注"]);
    }

    [Fact]
    public async Task A_bad_row_refuses_the_whole_commit_naming_its_row_and_column()
    {
        var (s, admin, expertName, hostName) = await SetUpAsync();
        var xlsx = TestSheets.Xlsx(
        [
            Headings,
            [new DateTime(2024, 4, 1), expertName, hostName, null, "手术", null, 2, "台", null, "线下", null],
            [new DateTime(2024, 4, 2), expertName, hostName, null, "飞行表演", null, 1, null, null, null, null],
            [new DateTime(2024, 4, 3), "没有这个人", "别的医院", "不存在的科", "手术", null, "两台", null, null, "半线上", null],
            ["2024-13-40", expertName, hostName, null, "手术", null, 1, null, null, null, null],
            [new DateTime(2024, 4, 4), expertName, hostName, null, "手术", null, 1, "场", null, null, null],
        ]);
        var preview = await UploadAsync(admin, s.PartnershipId, xlsx);
        Assert.Equal((5, 1, 4), (preview.Batch.Rows, preview.Batch.Creates, preview.Batch.Errors));
        var issues = preview.Rows.SelectMany(r => r.Issues.Where(i => i.IsError).Select(i => (r.Row, i.Column))).ToHashSet();
        Assert.Superset(new HashSet<(int, string)> { (3, "类别"), (4, "专家"), (4, "派驻单位"), (4, "数量"), (4, "线上/线下"), (5, "日期"), (6, "单位") }, issues);

        // Read again, the import answers its kept preview.
        var again = await GetAsync<ImportPreviewDto>(admin, $"/api/imports/{preview.Batch.Id}");
        Assert.Equal(preview.Rows.Select(r => (r.Row, r.Action, r.Issues.Count)), again.Rows.Select(r => (r.Row, r.Action, r.Issues.Count)));
        Assert.Equal((preview.Batch.Errors, preview.HeaderRow), (again.Batch.Errors, again.HeaderRow));

        var refused = await (await admin.PostAsync($"/api/imports/{preview.Batch.Id}/commit", null)).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = refused["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("rows[3].类别"), refused.ToJsonString());
        Assert.True(errors.ContainsKey("rows[4].专家"));
        Assert.True(errors.ContainsKey("rows[5].日期"));
        Assert.Contains("飞行表演", errors["rows[3].类别"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await ActivitiesAsync(admin, s.PartnershipId));
        var listed = await GetAsync<List<ImportBatchDto>>(admin, $"/api/partnerships/{s.PartnershipId}/imports");
        Assert.Equal(ImportState.Previewed, listed.Single().State);
    }

    [Fact]
    public async Task The_same_file_twice_is_recognised_and_of_concurrent_commits_exactly_one_wins()
    {
        var (s, admin, expertName, hostName) = await SetUpAsync();
        byte[] Sheet(int day) => TestSheets.Xlsx(
        [
            Headings,
            [new DateTime(2024, 5, day), expertName, hostName, null, "手术", null, 2, "台", null, "线下", null],
            [new DateTime(2024, 5, day + 1), expertName, hostName, null, "教学查房", null, 1, "次", 10, "线下", null],
        ]);
        var sheet = Sheet(6);
        var first = await UploadAsync(admin, s.PartnershipId, sheet);
        await CommitAsync(admin, first.Batch.Id);
        var again = await UploadAsync(admin, s.PartnershipId, sheet, "另一个名字.xlsx");
        Assert.Equal(first.Batch.Sha256, again.Batch.Sha256);
        Assert.Contains(again.Notes, n => n.Contains("台账.xlsx", StringComparison.Ordinal));
        var twice = await (await admin.PostAsync($"/api/imports/{again.Batch.Id}/commit", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("同一文件", twice["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var recommit = await admin.PostAsync($"/api/imports/{first.Batch.Id}/commit", null);
        Assert.Equal(HttpStatusCode.Conflict, recommit.StatusCode);
        Assert.Equal(2, (await ActivitiesAsync(admin, s.PartnershipId)).Count);

        var other = await UploadAsync(admin, s.PartnershipId, Sheet(20));
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.AdminAsync()));
        var answers = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/imports/{other.Batch.Id}/commit", null)));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(4, (await ActivitiesAsync(admin, s.PartnershipId)).Count);
    }

    [Fact]
    public async Task Implausible_rows_are_warned_and_reach_the_review_queue_or_are_refused_by_the_rules()
    {
        var (s, admin, expertName, hostName) = await SetUpAsync();
        var xlsx = TestSheets.Xlsx(
        [
            Headings,
            [new DateTime(2024, 5, 8), expertName, hostName, null, "手术", null, 10, "台", null, "线下", null],
            [new DateTime(2024, 5, 9), expertName, hostName, null, "手术", null, 40, "台", null, "线下", null],
            [new DateTime(2023, 5, 9), expertName, hostName, null, "手术", null, 1, "台", null, "线下", null],
        ]);
        var preview = await UploadAsync(admin, s.PartnershipId, xlsx);
        Assert.Equal((2, 1), (preview.Batch.Creates, preview.Batch.Errors));
        var warned = preview.Rows.Single(r => r.Row == 2);
        Assert.Equal("create", warned.Action);
        Assert.Contains(warned.Issues, i => !i.IsError && i.Column == "数量");
        Assert.Contains(preview.Rows.Single(r => r.Row == 3).Issues, i => i.IsError && i.Column == "数量");
        // A date before the partnership began is a warning by default (ADR 0020); an administrator may record it.
        Assert.Contains(preview.Rows.Single(r => r.Row == 4).Issues, i => !i.IsError && i.Column == "日期");

        // Without the refused rows the warned one commits and waits for review as 待核实.
        var fixedSheet = TestSheets.Xlsx([Headings, [new DateTime(2024, 5, 8), expertName, hostName, null, "手术", null, 10, "台", null, "线下", null]]);
        var ok = await UploadAsync(admin, s.PartnershipId, fixedSheet);
        Assert.Equal((1, 1, 0), (ok.Batch.Creates, ok.Batch.Warnings, ok.Batch.Errors));
        await CommitAsync(admin, ok.Batch.Id);
        var queue = await GetAsync<List<ReviewItemDto>>(admin, $"/api/activities/review?partnershipId={s.PartnershipId}");
        Assert.Equal(10, queue.Single().Quantity);
    }

    [Fact]
    public async Task Imports_are_scoped_to_those_who_may_change_the_partnership_and_a_file_that_is_no_ledger_keeps_nothing()
    {
        var (s, admin, expertName, hostName) = await SetUpAsync();
        var xlsx = TestSheets.Xlsx([Headings, [new DateTime(2024, 5, 8), expertName, hostName, null, "手术", null, 1, "台", null, "线下", null]]);
        var preview = await UploadAsync(admin, s.PartnershipId, xlsx);

        var stranger = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/partnerships/{s.PartnershipId}/imports/activities", TestSheets.Upload(xlsx))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/imports/{preview.Batch.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/imports/{preview.Batch.Id}/commit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/partnerships/{s.PartnershipId}/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/partnerships/{s.PartnershipId}/imports/activities/template")).StatusCode);
        var expert = await app.ExpertAsync(admin, s.SupportingId, s.ExpertId);
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.PostAsync($"/api/partnerships/{s.PartnershipId}/imports/activities", TestSheets.Upload(xlsx))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await expert.PostAsync($"/api/imports/{preview.Batch.Id}/commit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/partnerships/{s.PartnershipId}/imports/nonsense", TestSheets.Upload(xlsx))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/imports/999999999/commit", null)).StatusCode);

        var noHeading = TestSheets.Xlsx([["随便写点什么"], ["第二行"]]);
        var refused = await admin.PostAsync($"/api/partnerships/{s.PartnershipId}/imports/activities", TestSheets.Upload(noHeading));
        var messages = await refused.FieldErrorAsync("file");
        Assert.Contains("表头", messages[0], StringComparison.Ordinal);
        var notXlsx = new MultipartFormDataContent { { new ByteArrayContent("not a workbook"u8.ToArray()), "file", "x.xlsx" } };
        await (await admin.PostAsync($"/api/partnerships/{s.PartnershipId}/imports/activities", notXlsx)).FieldErrorAsync("file");
        var listed = await GetAsync<List<ImportBatchDto>>(admin, $"/api/partnerships/{s.PartnershipId}/imports");
        Assert.Equal([preview.Batch.Id], listed.Select(b => b.Id));
    }

    [Fact]
    public async Task The_template_has_the_ledger_headings_a_hidden_sheet_of_choices_drop_downs_and_an_example_row_that_is_skipped()
    {
        var (s, admin, expertName, hostName) = await SetUpAsync();
        var response = await admin.GetAsync($"/api/partnerships/{s.PartnershipId}/imports/activities/template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var template = await response.Content.ReadAsByteArrayAsync();
        var export = await ExportAsync(admin, s.PartnershipId);
        Assert.Equal(MiniExcel.GetColumns(new MemoryStream(export), useHeaderRow: true), MiniExcel.GetColumns(new MemoryStream(template), useHeaderRow: true));

        byte[] filled;
        using (var stream = new MemoryStream())
        {
            stream.Write(template);
            using (var doc = SpreadsheetDocument.Open(stream, true))
            {
                var book = doc.WorkbookPart!;
                var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
                Assert.Equal(["工作量台账", "可选值"], sheets.Select(x => x.Name!.Value));
                Assert.Equal(SheetStateValues.Hidden, sheets[1].State!.Value);
                var main = (WorksheetPart)book.GetPartById(sheets[0].Id!);
                var validations = main.Worksheet.GetFirstChild<DataValidations>()!.Elements<DataValidation>().ToList();
                Assert.Contains(validations, v => v.Type! == DataValidationValues.List && (v.SequenceOfReferences!.InnerText ?? "").StartsWith('E'));
                Assert.Contains(validations, v => v.Type! == DataValidationValues.Date);
                var choices = (WorksheetPart)book.GetPartById(sheets[1].Id!);
                var words = choices.Worksheet.Descendants<Text>().Select(t => t.Text).ToList();
                Assert.Contains("手术", words);
                Assert.Contains(hostName, words);
                Assert.Contains(expertName, words);
                Assert.NotNull(main.Worksheet.Descendants<Pane>().SingleOrDefault(p => p.State! == PaneStateValues.Frozen));
                // The coordinator adds a row under the example.
                var data = main.Worksheet.GetFirstChild<SheetData>()!;
                var row = new Row { RowIndex = 3 };
                string[] values = ["2024-05-08", expertName, hostName, "", "手术", "", "2", "台"];
                for (var i = 0; i < values.Length; i++)
                {
                    row.Append(new Cell(new InlineString(new Text(values[i]))) { CellReference = ImportTemplate.Letter(i) + "3", DataType = CellValues.InlineString });
                }
                data.Append(row);
                main.Worksheet.Save();
            }
            filled = stream.ToArray();
        }
        var onlyExample = await admin.PostAsync($"/api/partnerships/{s.PartnershipId}/imports/activities", TestSheets.Upload(template));
        await onlyExample.FieldErrorAsync("file");
        var preview = await UploadAsync(admin, s.PartnershipId, filled);
        Assert.Equal((1, 1, 0), (preview.Batch.Rows, preview.Batch.Creates, preview.Batch.Errors));
        Assert.Contains(preview.Notes, n => n.Contains("示例行", StringComparison.Ordinal));
        Assert.Equal(3, preview.Rows.Single().Row);
    }
}
