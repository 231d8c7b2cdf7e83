using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Reports;

public sealed class RegionSummaryPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_commission_opens_the_region_summary_from_its_dashboard_and_downloads_it()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("sc.nhc", BrowserApp.AdminPassword);
        await page.GotoAsync("/dashboard?year=2018");
        await LoginPage.WaitForInteractiveAsync(page);
        await page.GetByTestId("dash-region-summary").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/regions/510000/summary\\?year=2018"));
        await LoginPage.WaitForInteractiveAsync(page);

        var preview = page.GetByTestId("summary-preview");
        await Assertions.Expect(preview).ToContainTextAsync("四川省2018年对口帮扶工作总结");
        await Assertions.Expect(preview).ToContainTextAsync("共有帮扶关系");
        await Assertions.Expect(preview).ToContainTextAsync("增长31.07%");
        var table = page.GetByTestId("region-partnerships");
        await Assertions.Expect(table).ToContainTextAsync("攀枝花市中心医院托管盐源县人民医院");
        await BrowserApp.ScreenshotAsync(page, "region-summary");

        // A quarter of the year: the period is in the address and the text.
        await page.GetByTestId("summary-span").SelectOptionAsync("Q3");
        await Assertions.Expect(preview).ToContainTextAsync("四川省2018年第3季度对口帮扶工作总结");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("summary-docx").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var head = new byte[2];
        await using (var file = File.OpenRead(await download.PathAsync()))
            await file.ReadExactlyAsync(head);
        Assert.Equal("PK"u8.ToArray(), head);

        // Down to a partnership's own summary for the same period.
        await table.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("summary-preview")).ToContainTextAsync("2018年第3季度工作总结");
    }

    [Fact]
    public async Task The_region_summary_fits_a_phone_and_another_region_is_not_found()
    {
        var page = await app.NewPageAsync(360, 740);
        await new LoginPage(page).SignInAsync("sc.nhc", BrowserApp.AdminPassword);
        await page.GotoAsync("/regions/510000/summary?year=2018");
        await Assertions.Expect(page.GetByTestId("summary-preview")).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > 360"));
        await BrowserApp.ScreenshotAsync(page, "region-summary-phone");

        await page.GotoAsync("/regions/330000/summary?year=2018");
        await Assertions.Expect(page.GetByText("记录不存在，或您无权查看。")).ToBeVisibleAsync();
    }
}
