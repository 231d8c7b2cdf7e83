using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Dashboards;

public sealed class DashboardPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_commission_opens_on_its_region_and_drills_down_to_a_hospital_and_a_month()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("sc.nhc", BrowserApp.AdminPassword);
        await page.GotoAsync("/dashboard?year=2018");
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("dash-name")).ToContainTextAsync("510000");
        await Assertions.Expect(page.GetByTestId("dash-totals")).ToContainTextAsync("手术");
        await Assertions.Expect(page.GetByTestId("dash-chart").Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dash-coverage")).ToContainTextAsync("盐源县人民医院");
        await BrowserApp.ScreenshotAsync(page, "dashboard-region");

        // The same numbers as a table, then down to the hospital.
        await page.GetByTestId("dash-as-table").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dash-month-table")).ToBeVisibleAsync();
        await page.GetByTestId("dash-hosts").GetByRole(AriaRole.Link, new() { Name = "盐源县人民医院" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dash-name")).ToContainTextAsync("机构：盐源县人民医院");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/organizations/\\d+/dashboard\\?year=2018"));
    }

    [Fact]
    public async Task A_partnership_dashboard_links_each_month_to_its_ledger_and_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 740);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync("托管：攀枝花市中心医院托管盐源县人民医院");
        await page.GetByTestId("ptn-dashboard").ClickAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await page.GetByTestId("dash-year").SelectOptionAsync("2018");
        await Assertions.Expect(page.GetByTestId("dash-compliance")).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > 360"));
        await BrowserApp.ScreenshotAsync(page, "dashboard-partnership-phone");
        await page.GetByTestId("dash-as-table").ClickAsync();
        await page.GetByTestId("dash-month-table").GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("grid")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("month=2018-"));
    }
}
