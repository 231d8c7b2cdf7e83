using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Bangfu.BrowserTests.Features.Import;

public sealed class ImportScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string EastWest = "东西部对口帮扶：吴忠市妇幼保健院";

    [Fact]
    public async Task A_coordinator_fills_the_template_uploads_it_watches_the_progress_reads_the_preview_and_commits()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var import = new ImportPage(page);
        await import.GotoFromPartnershipAsync(EastWest);

        // The template names the partnership's hospital and an expert in its example row.
        var download = await page.RunAndWaitForDownloadAsync(() => import.Template.ClickAsync());
        var template = new MemoryStream(await System.IO.File.ReadAllBytesAsync(await download.PathAsync()));
        var example = template.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().First();
        var (expert, host) = ((string)example["专家"]!, (string)example["派驻单位"]!);

        // 1,200 days of one surgery each, and one row of "3余": enough rows for the check to take a moment.
        var rows = Enumerable.Range(0, 1200).Select(i => new Dictionary<string, object?>
        {
            ["日期"] = new DateTime(2026, 11, 30).AddDays(-i),
            ["专家"] = expert,
            ["派驻单位"] = host,
            ["类别"] = "手术",
            ["数量"] = 1,
            ["单位"] = "台",
            ["线上/线下"] = "线下",
            ["备注"] = "导入测试",
        }).Append(new Dictionary<string, object?>
        {
            ["日期"] = "2026.12.1",
            ["专家"] = expert,
            ["派驻单位"] = host,
            ["类别"] = "教学查房",
            ["数量"] = "3余",
            ["单位"] = "次",
            ["线上/线下"] = "线下",
            ["备注"] = null,
        });
        var path = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.xlsx");
        await using (var output = System.IO.File.Create(path))
            await output.SaveAsAsync(rows);

        await import.File.SetInputFilesAsync(path);
        await Assertions.Expect(import.Progress).ToBeVisibleAsync();
        await Assertions.Expect(import.Creates).ToHaveTextAsync("新增 1201", new() { Timeout = 30_000 });
        await Assertions.Expect(import.Errors).ToHaveTextAsync("错误 0");
        await Assertions.Expect(import.Issues.First).ToContainTextAsync("3余");
        await BrowserApp.ScreenshotAsync(page, "import-preview");

        await import.Commit.ClickAsync();
        await Assertions.Expect(import.Done).ToContainTextAsync("新增 1201 条", new() { Timeout = 30_000 });
        await Assertions.Expect(import.History).ToContainTextAsync("已提交");
        await BrowserApp.ScreenshotAsync(page, "import-committed");
        System.IO.File.Delete(path);
    }

    [Fact]
    public async Task A_sheet_with_a_bad_row_cannot_be_committed_and_says_which_row_and_column()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var import = new ImportPage(page);
        await import.GotoFromPartnershipAsync(EastWest);
        var path = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.xlsx");
        await using (var output = System.IO.File.Create(path))
        {
            await output.SaveAsAsync(new[]
            {
                new Dictionary<string, object?> { ["日期"] = "2026年11月3日", ["派驻单位"] = "吴忠市妇幼保健院", ["类别"] = "飞行表演", ["数量"] = 1 },
            });
        }
        await import.File.SetInputFilesAsync(path);
        await Assertions.Expect(import.Errors).ToHaveTextAsync("错误 1", new() { Timeout = 30_000 });
        await Assertions.Expect(import.Issues.First).ToContainTextAsync("类别：无法识别的类别“飞行表演”");
        await Assertions.Expect(import.Commit).ToBeDisabledAsync();
        await BrowserApp.ScreenshotAsync(page, "import-phone-error");
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows);
        System.IO.File.Delete(path);
    }
}
