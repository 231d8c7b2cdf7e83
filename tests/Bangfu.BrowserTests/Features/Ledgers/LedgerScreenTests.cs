using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Bangfu.BrowserTests.Features.Ledgers;

public sealed class LedgerScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string EastWest = "东西部对口帮扶：吴忠市妇幼保健院";

    [Fact]
    public async Task The_ledger_of_a_partnership_downloads_as_an_xlsx_workbook()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var ledgers = new LedgerPage(page);
        await ledgers.GotoFromPartnershipAsync(EastWest);
        await ledgers.ChooseYearAsync(2022, "ledger-h2");
        await ledgers.KindCheckbox("进修人员台账").UncheckAsync();
        await Assertions.Expect(ledgers.Download).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(
            "from=2022-07-01&to=2022-12-31&format=xlsx&ledgers=dispatch,activity,technique,indicator$"));
        await BrowserApp.ScreenshotAsync(page, "ledgers-page");

        var download = await page.RunAndWaitForDownloadAsync(() => ledgers.Download.ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        // Kept beside the screenshots so that a person can open the workbook and look at it.
        Directory.CreateDirectory(BrowserApp.ScreenshotDir);
        await download.SaveAsAsync(Path.Combine(BrowserApp.ScreenshotDir, "ledgers-download.xlsx"));
        await using var file = File.OpenRead(path);
        var magic = new byte[4];
        await file.ReadExactlyAsync(magic);
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), magic); // an XLSX is a zip package
        file.Position = 0;
        Assert.Equal(["派驻人员台账", "工作量台账", "新技术新项目台账", "指标表", "汇总"], MiniExcel.GetSheetNames(file));
        file.Position = 0;
        var activities = file.Query(useHeaderRow: true, sheetName: "工作量台账").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(activities, r => (r["项目/术式"] as string) == "宫腔镜手术");
        Assert.StartsWith("合计", (string)activities[^1]["日期"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_page_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var ledgers = new LedgerPage(page);
        await ledgers.GotoFromPartnershipAsync(EastWest);
        await Assertions.Expect(ledgers.Download).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "ledgers-phone");
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows);
    }
}
