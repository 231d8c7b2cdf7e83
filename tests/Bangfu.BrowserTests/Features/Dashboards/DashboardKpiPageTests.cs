using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Dashboards;

public sealed class DashboardKpiPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_trusteeship_dashboard_for_2018_shows_the_kpis_against_2017_the_trend_and_the_goal_achieved()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync("托管：攀枝花市中心医院托管盐源县人民医院");
        await page.GetByTestId("ptn-dashboard").ClickAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await page.GetByTestId("dash-year").SelectOptionAsync("2018");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("year=2018"));

        var revenue = page.GetByTestId("dash-kpi-REVENUE");
        await Assertions.Expect(revenue).ToContainTextAsync("业务收入");
        await Assertions.Expect(revenue).ToContainTextAsync("13,452");
        await Assertions.Expect(revenue).ToContainTextAsync("10,263");
        await Assertions.Expect(revenue).ToContainTextAsync("+31.07%");
        await Assertions.Expect(page.GetByTestId("dash-kpi-baseline")).ToContainTextAsync("2017");
        await Assertions.Expect(page.GetByTestId("dash-kpi-table")).ToContainTextAsync("≥ 90");
        await Assertions.Expect(page.GetByTestId("dash-kpi-chart").Locator("svg")).ToBeVisibleAsync();
        var goals = page.GetByTestId("dash-goals");
        await Assertions.Expect(goals).ToContainTextAsync("县域内就诊率");
        await Assertions.Expect(goals.GetByTestId("dash-goal-status")).ToHaveTextAsync("已完成");
        await page.GetByTestId("dash-kpis").ScrollIntoViewIfNeededAsync();
        await BrowserApp.ScreenshotAsync(page, "dashboard-kpis");

        // The trend as a table: the five years, 2017 and 2018 filled.
        await page.GetByTestId("dash-kpi-as-table").ClickAsync();
        var trend = page.GetByTestId("dash-kpi-trend-table");
        await Assertions.Expect(trend).ToContainTextAsync("2014");
        await Assertions.Expect(trend).ToContainTextAsync("13,452");
        await BrowserApp.ScreenshotAsync(page, "dashboard-kpis-table");
    }

    [Fact]
    public async Task The_commission_sees_goals_counted_by_status_and_goes_down_to_the_partnership()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("sc.nhc", BrowserApp.AdminPassword);
        await page.GotoAsync("/dashboard?year=2018");
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("dash-goal-counts")).ToContainTextAsync("已完成");
        var plans = page.GetByTestId("dash-goal-plans");
        await Assertions.Expect(plans).ToContainTextAsync("盐源县人民医院");
        await plans.ScrollIntoViewIfNeededAsync();
        await BrowserApp.ScreenshotAsync(page, "dashboard-region-goals");
        await plans.GetByRole(AriaRole.Link, new() { Name = "攀枝花市中心医院托管盐源县人民医院" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/partnerships/\\d+/dashboard\\?year=2018"));
        await Assertions.Expect(page.GetByTestId("dash-goals")).ToContainTextAsync("县域内就诊率");
    }
}
