using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Compliance;

public sealed class ComplianceScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";

    [Fact]
    public async Task Trusteeship_rules_are_judged_per_year_and_the_uncovered_days_are_listed()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var compliance = new CompliancePage(page);
        await compliance.GotoAsync(Trusteeship);
        await Assertions.Expect(compliance.RulesSource).ToContainTextAsync("使用默认规则");

        await compliance.ChooseYearAsync(2018);
        var staff = compliance.Rows.Filter(new() { HasText = "全年派驻人数" });
        await Assertions.Expect(staff).ToContainTextAsync("盐源县人民医院");
        await Assertions.Expect(staff).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"全年派驻 \d+ 人，要求不少于 5 人"));
        await Assertions.Expect(compliance.Rows.Filter(new() { HasText = "全年不间断驻点" }).GetByTestId("comp-holds")).ToHaveTextAsync("满足");
        await BrowserApp.ScreenshotAsync(page, "compliance-2018-desktop-zh");

        // The stationed president left on 2020-03-31 and nobody followed (seed 004).
        await compliance.ChooseYearAsync(2020);
        var coverage = compliance.Rows.Filter(new() { HasText = "全年不间断驻点" });
        await Assertions.Expect(coverage.GetByTestId("comp-holds")).ToHaveTextAsync("未满足");
        await Assertions.Expect(coverage.GetByTestId("comp-gaps")).ToContainTextAsync("2020-04-01 至 2020-12-31");
        await BrowserApp.ScreenshotAsync(page, "compliance-2020-desktop-zh");
    }

    [Fact]
    public async Task Compliance_page_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var compliance = new CompliancePage(page);
        await compliance.GotoAsync(Trusteeship);
        await compliance.ChooseYearAsync(2020);

        await Assertions.Expect(compliance.Rows.Filter(new() { HasText = "2020-04-01 至 2020-12-31" })).ToHaveCountAsync(1);
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows, "the page scrolls sideways at 360 px");
        await BrowserApp.ScreenshotAsync(page, "compliance-2020-phone-zh");
    }
}
