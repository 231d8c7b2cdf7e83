using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Activities;

public sealed class ActivityGridTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Partnership = "山海协作：萧山区中医院—龙泉市中医医院";
    private const string Host = "龙泉市中医医院";

    [Fact]
    public async Task Coordinator_saves_monthly_totals_which_survive_a_reload_and_sees_a_refused_row_with_the_rest_kept()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Partnership);
        var grid = new ActivityGridPage(page);
        await grid.OpenFromDetailAsync();
        await grid.ChooseAsync(Host, "2024-01");
        await Assertions.Expect(grid.Quantity("Outpatient")).ToHaveValueAsync("");

        await grid.Quantity("Outpatient").FillAsync("120");
        await grid.Quantity("TeachingRound").FillAsync("4");
        await grid.SaveAsync();
        await Assertions.Expect(grid.Totals).ToContainTextAsync("门(急)诊: 120");
        await Assertions.Expect(grid.Totals).ToContainTextAsync("教学查房: 4");

        await page.ReloadAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(grid.Quantity("Outpatient")).ToHaveValueAsync("120");
        await Assertions.Expect(grid.Quantity("TeachingRound")).ToHaveValueAsync("4");
        await Assertions.Expect(grid.Totals).ToContainTextAsync("门(急)诊: 120");
        await Assertions.Expect(grid.Entries).ToHaveCountAsync(2);
        await BrowserApp.ScreenshotAsync(page, "activity-grid-desktop");

        await grid.Quantity("Surgery").FillAsync("999999");
        await grid.Quantity("Lecture").FillAsync("2");
        await grid.SaveAsync();
        await Assertions.Expect(grid.RowErrors("Surgery")).ToContainTextAsync("2000");
        await Assertions.Expect(grid.Quantity("Surgery")).ToHaveValueAsync("999999");
        await Assertions.Expect(grid.Quantity("Lecture")).ToHaveValueAsync("2");
        await Assertions.Expect(grid.RowErrors("Lecture")).ToHaveCountAsync(0);
        await Assertions.Expect(grid.Quantity("Outpatient")).ToHaveValueAsync("120");
        await Assertions.Expect(grid.Totals).Not.ToContainTextAsync("手术");
    }

    [Fact]
    public async Task A_correction_with_a_refused_new_row_saves_nothing_and_a_closed_month_is_read_only_until_reopened()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Partnership);
        var grid = new ActivityGridPage(page);
        await grid.OpenFromDetailAsync();
        await grid.ChooseAsync(Host, "2024-02");
        await grid.Quantity("Outpatient").FillAsync("200");
        await grid.SaveAsync();
        await Assertions.Expect(grid.Totals).ToContainTextAsync("门(急)诊: 200");

        // A correction and a refused new row: neither lands, both stay on screen.
        await grid.Quantity("Outpatient").FillAsync("210");
        await grid.Quantity("Surgery").FillAsync("999999");
        await grid.SaveAsync();
        await Assertions.Expect(grid.RowErrors("Surgery")).ToContainTextAsync("2000");
        await Assertions.Expect(grid.Totals).ToContainTextAsync("门(急)诊: 200");
        await Assertions.Expect(grid.Quantity("Outpatient")).ToHaveValueAsync("210");
        await grid.Quantity("Surgery").FillAsync("3");
        await grid.SaveAsync();
        await Assertions.Expect(grid.Totals).ToContainTextAsync("门(急)诊: 210");
        await Assertions.Expect(grid.Totals).ToContainTextAsync("手术: 3");

        await page.GetByTestId("close-month").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "关账 2024-02" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("month-closed")).ToContainTextAsync("2024-02");
        await Assertions.Expect(grid.Quantity("Outpatient")).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByTestId("grid-save")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "activity-grid-closed-month");

        await page.ReloadAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("month-closed")).ToBeVisibleAsync();
        await page.GetByTestId("reopen-month").ClickAsync();
        await Assertions.Expect(page.GetByTestId("month-closed")).ToHaveCountAsync(0);
        await Assertions.Expect(grid.Quantity("Outpatient")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Grid_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 740);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Partnership);
        await BrowserApp.ScreenshotAsync(page, "partnership-links-phone");
        var grid = new ActivityGridPage(page);
        await grid.OpenFromDetailAsync();
        await Assertions.Expect(grid.Row("Surgery")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > 360");
        Assert.False(overflow);
        await BrowserApp.ScreenshotAsync(page, "activity-grid-phone");
    }

    [Fact]
    public async Task Rows_pasted_from_excel_fill_the_grid_a_bad_line_is_said_beside_its_row_and_the_rest_saves()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Partnership);
        var grid = new ActivityGridPage(page);
        await grid.OpenFromDetailAsync();
        await grid.ChooseAsync(Host, "2024-03");

        await grid.PasteAsync("类别\t数量\t单位\t参加人次\n门诊\t310\n教学查房\t6\t次\t48\n手术\t两台\n飞行表演\t1\n合计\t316\n");
        await Assertions.Expect(grid.Quantity("Outpatient")).ToHaveValueAsync("310");
        await Assertions.Expect(grid.Quantity("TeachingRound")).ToHaveValueAsync("6");
        await Assertions.Expect(grid.Row("TeachingRound").GetByTestId("grid-attendees")).ToHaveValueAsync("48");
        await Assertions.Expect(grid.RowErrors("Surgery")).ToContainTextAsync("两台");
        await Assertions.Expect(grid.Quantity("Surgery")).ToHaveValueAsync("");
        await Assertions.Expect(grid.PasteProblems).ToContainTextAsync("飞行表演");
        await BrowserApp.ScreenshotAsync(page, "activity-grid-paste");

        await grid.SaveAsync();
        await Assertions.Expect(grid.Totals).ToContainTextAsync("门(急)诊: 310");
        await Assertions.Expect(grid.Totals).ToContainTextAsync("教学查房: 6 · 参加/服务人次 48");
    }
}
