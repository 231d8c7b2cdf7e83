using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.TeleTeaching;

public sealed class TeleTeachingTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Alliance = "山西省儿童妇幼医疗保健专科联盟";

    /// Two doctors at one member hospital of the demo alliance, who will attend over video.
    private async Task<(string First, string Second, string Organization)> SpokeDoctorsAsync()
    {
        using var scope = app.Services.CreateScope();
        var dbf = scope.ServiceProvider.GetRequiredService<AppDbContextFactory>();
        await using var db = dbf.CreateDbContext();
        var member = await db.PartnershipParties.Where(p => p.Partnership!.Name == Alliance && p.Role == Bangfu.Features.Partnerships.PartyRole.Member)
            .OrderBy(p => p.Id).Select(p => new { p.OrganizationId, p.Organization!.Name }).FirstAsync();
        var people = scope.ServiceProvider.GetRequiredService<PersonService>();
        var admin = new AccessScope("admin", Roles.SystemAdmin, null, null);
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var first = await people.CreateAsync(admin, new SavePersonRequest(member.OrganizationId, null, $"李春燕{suffix}", "主治医师", TitleLevel.Intermediate, "儿科", null, null), CancellationToken.None);
        var second = await people.CreateAsync(admin, new SavePersonRequest(member.OrganizationId, null, $"张建华{suffix}", "住院医师", TitleLevel.Junior, "新生儿科", null, null), CancellationToken.None);
        return (first.Name, second.Name, member.Name);
    }

    [Fact]
    public async Task Coordinator_creates_a_series_imports_attendance_and_sees_who_earned_a_certificate()
    {
        var (first, second, organization) = await SpokeDoctorsAsync();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Alliance);
        var tele = new TeleTeachingPage(page);
        await tele.OpenFromDetailAsync();
        await tele.CreateWeeklyAsync("新生儿窒息复苏远程教学", "星期二", "2025-01-01", "2025-02-28");
        await BrowserApp.ScreenshotAsync(page, "teleteaching-new-series");
        await tele.SaveSeriesAsync("新生儿窒息复苏远程教学");
        // January and February 2025 hold eight Tuesdays.
        await Assertions.Expect(tele.Sessions).ToHaveCountAsync(8);

        await tele.HoldAsync("2025-01-07", "新生儿窒息复苏流程（2021 版）");
        await tele.ImportAsync($"""
            姓名,单位,入会时间,离会时间,时长(分钟)
            {first},{organization},2025-01-07 14:00,2025-01-07 15:00,60
            {second},{organization},2025-01-07 14:10,2025-01-07 14:45,35
            王小明,外院进修生,2025-01-07 14:00,2025-01-07 15:00,60
            """);
        await Assertions.Expect(page.GetByTestId("tele-import-result")).ToContainTextAsync("共 3 行，匹配 2 行");
        await Assertions.Expect(page.GetByTestId("tele-unmatched")).ToContainTextAsync("第 4 行：王小明（外院进修生）");
        await Assertions.Expect(tele.GridRow(first).GetByTestId("tele-present")).ToHaveTextAsync("✓");
        await Assertions.Expect(tele.GridRow(second).GetByTestId("tele-present")).ToHaveTextAsync("✓");
        await Assertions.Expect(tele.Session("2025-01-07")).ToContainTextAsync("2 / 2");
        // The grid narrows to those present, then to one name.
        await page.GetByTestId("tele-filter-present").CheckAsync();
        await Assertions.Expect(page.GetByTestId("tele-grid-row")).ToHaveCountAsync(2);
        await page.GetByTestId("tele-filter-name").FillAsync(first);
        await Assertions.Expect(page.GetByTestId("tele-grid-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("tele-grid-count")).ToContainTextAsync("显示 1 / ");
        await page.GetByTestId("tele-filter-name").FillAsync("");
        await page.GetByTestId("tele-filter-present").UncheckAsync();
        await BrowserApp.ScreenshotAsync(page, "teleteaching-series");

        await tele.OpenCertificatesAsync();
        await Assertions.Expect(page.GetByTestId("tele-cert-summary")).ToContainTextAsync("已举行 1 次课");
        await Assertions.Expect(tele.CertificateRow(first)).ToHaveAttributeAsync("data-earned", "true");
        await Assertions.Expect(tele.CertificateRow(second)).ToContainTextAsync("100%");
        await BrowserApp.ScreenshotAsync(page, "teleteaching-certificates");

        await tele.CertificateRow(first).GetByTestId("tele-cert-open").EvaluateAsync("a => a.removeAttribute('target')");
        await tele.CertificateRow(first).GetByTestId("tele-cert-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("tele-certificate")).ToContainTextAsync(first);
        await Assertions.Expect(page.GetByTestId("tele-certificate")).ToContainTextAsync("新生儿窒息复苏远程教学");
        await BrowserApp.ScreenshotAsync(page, "teleteaching-certificate");

        await new PartnershipDetailPage(page).GotoAsync(Alliance);
        await tele.OpenFromDetailAsync();
        await Assertions.Expect(page.GetByTestId("tele-series-row").Filter(new() { HasText = "新生儿窒息复苏远程教学" })).ToContainTextAsync("1 / 8");
        await BrowserApp.ScreenshotAsync(page, "teleteaching-list");

        // The coordinator moves the series to Thursdays: the held Tuesday stays, the nine Thursdays of January and
        // February 2025 are planned.
        var row = page.GetByTestId("tele-series-row").Filter(new() { HasText = "新生儿窒息复苏远程教学" });
        await row.GetByTestId("tele-edit").ClickAsync();
        await Assertions.Expect(tele.Form).ToContainTextAsync("修改教学系列");
        await Assertions.Expect(tele.Form.GetByLabel(new System.Text.RegularExpressions.Regex("^系列名称"))).ToHaveValueAsync("新生儿窒息复苏远程教学");
        await page.GetByTestId("tele-weekday").SelectOptionAsync(new SelectOptionValue { Label = "星期四" });
        await Assertions.Expect(page.GetByTestId("tele-rule-words")).ToHaveTextAsync("每周星期四");
        await tele.Form.GetByTestId("tele-save").ClickAsync();
        await Assertions.Expect(tele.Form).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToContainTextAsync("每周星期四");
        await Assertions.Expect(row).ToContainTextAsync("1 / 10");

        // A series that has met cannot be deleted; the refusal says why and the series stays.
        await row.GetByTestId("tele-delete").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "删除", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "不能删除" })).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "teleteaching-delete-refused");

        // One nobody has met in goes.
        await tele.CreateWeeklyAsync("儿童康复病例讨论", "星期三", "2025-03-01", "2025-03-31");
        await tele.SaveSeriesAsync("儿童康复病例讨论");
        await new PartnershipDetailPage(page).GotoAsync(Alliance);
        await tele.OpenFromDetailAsync();
        var unused = page.GetByTestId("tele-series-row").Filter(new() { HasText = "儿童康复病例讨论" });
        await unused.GetByTestId("tele-delete").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "删除", Exact = true }).ClickAsync();
        await Assertions.Expect(unused).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToHaveCountAsync(1);
    }
}
