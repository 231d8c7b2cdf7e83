using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Reports;

public sealed class SummaryPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";

    [Fact]
    public async Task A_coordinator_previews_the_half_year_summary_and_downloads_it_as_word()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Trusteeship);
        await page.GetByTestId("ptn-summary").ClickAsync();
        await LoginPage.WaitForInteractiveAsync(page);

        await page.GetByTestId("summary-year").SelectOptionAsync("2018");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("year=2018"));
        await page.GetByTestId("summary-span").SelectOptionAsync("H2");
        var preview = page.GetByTestId("summary-preview");
        await Assertions.Expect(preview).ToContainTextAsync("2018年下半年工作总结");
        await Assertions.Expect(preview).ToContainTextAsync("攀枝花市中心医院与盐源县人民医院自2017年8月起开展托管");
        await Assertions.Expect(page.GetByTestId("summary-figures")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "summary-preview");

        // The choice lives in the address: a reload shows the same period.
        await page.ReloadAsync();
        await Assertions.Expect(preview).ToContainTextAsync("2018年下半年工作总结");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("summary-docx").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var head = new byte[2];
        await using (var file = File.OpenRead(path))
            await file.ReadExactlyAsync(head);
        Assert.Equal("PK"u8.ToArray(), head);
    }

    [Fact]
    public async Task The_summary_page_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 740);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Trusteeship);
        await page.GetByTestId("ptn-summary").ClickAsync();
        await Assertions.Expect(page.GetByTestId("summary-preview")).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > 360"));
        await BrowserApp.ScreenshotAsync(page, "summary-phone");
    }
}
