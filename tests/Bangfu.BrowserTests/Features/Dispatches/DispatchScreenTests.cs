using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Dispatches;

public sealed class DispatchScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    // The ICU director stationed as president of the county hospital from 2017-08-01 to 2020-03-31 (seed 004).
    private const string President = "吴海峰";

    [Fact]
    public async Task Refused_overlapping_dispatch_keeps_the_form_and_a_later_one_is_listed()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new DispatchListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.FilterByModeAsync("驻点");

        var presidentRow = list.Rows.Filter(new() { HasText = "挂职院长" });
        await Assertions.Expect(presidentRow).ToHaveCountAsync(1);
        await Assertions.Expect(presidentRow).ToContainTextAsync(President);
        await Assertions.Expect(presidentRow).ToContainTextAsync("2017-08-01 – 2020-03-31");
        await BrowserApp.ScreenshotAsync(page, "dispatch-list-desktop-zh");

        await list.OpenNewFormAsync();
        // Only the supporting hospital's staff are offered: the trusteed hospital sends nobody.
        await list.Expert.ClickAsync();
        var options = page.Locator(".mud-popover-open").GetByRole(AriaRole.Option);
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        var offered = await options.AllInnerTextsAsync();
        Assert.All(offered, o => Assert.Contains("攀枝花市中心医院", o, StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Escape");
        await list.ChooseAsync(list.Expert, new Regex($"^{President} "));
        await list.Batch.FillAsync("9");
        await list.FillPeriodAsync("2019-01-01", "2019-06-30");
        await list.SaveAsync();

        await Assertions.Expect(list.Error).ToContainTextAsync("同一人不能同时派驻两地");
        await Assertions.Expect(list.Error).ToContainTextAsync("2017-08-01 至 2020-03-31");
        await Assertions.Expect(list.Expert).ToContainTextAsync(President);
        await Assertions.Expect(list.StartDate).ToHaveValueAsync("2019-01-01");
        await Assertions.Expect(list.EndDate).ToHaveValueAsync("2019-06-30");
        await Assertions.Expect(list.Batch).ToHaveValueAsync("9");
        await BrowserApp.ScreenshotAsync(page, "dispatch-overlap-desktop-zh");

        await list.FillPeriodAsync("2024-03-01", "2024-08-31");
        await list.SaveAsync();
        await Assertions.Expect(list.Form).ToBeHiddenAsync();
        var added = list.Rows.Filter(new() { HasText = "2024-03-01 – 2024-08-31" });
        await Assertions.Expect(added).ToHaveCountAsync(1);
        await Assertions.Expect(added).ToContainTextAsync(President);
        await Assertions.Expect(added).ToContainTextAsync("盐源县人民医院");
        await Assertions.Expect(added).ToContainTextAsync("第9批");
        await Assertions.Expect(added).ToContainTextAsync("184");
    }

    [Fact]
    public async Task Cancelled_dispatch_stays_listed_with_its_reason()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new DispatchListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.FilterByModeAsync("短期");
        var newest = list.Rows.First;
        var period = await newest.GetByRole(AriaRole.Cell).Nth(5).InnerTextAsync();

        await list.CancelAsync(newest, "专家因病无法成行");

        var cancelled = list.Rows.Filter(new() { HasText = period.Trim() });
        await Assertions.Expect(cancelled.GetByTestId("dispatch-status")).ToHaveTextAsync("已取消");
        await Assertions.Expect(cancelled).ToContainTextAsync("取消原因：专家因病无法成行");
        await Assertions.Expect(cancelled.GetByTestId("dispatch-cancel")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Dispatch_list_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new DispatchListPage(page);
        await list.GotoAsync(Trusteeship);

        await list.FilterByModeAsync("驻点");
        await Assertions.Expect(list.Rows.Filter(new() { HasText = "挂职院长" })).ToHaveCountAsync(1);
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows, "the page scrolls sideways at 360 px");
        await BrowserApp.ScreenshotAsync(page, "dispatch-list-phone-zh");
        await list.OpenNewFormAsync();
        await BrowserApp.ScreenshotAsync(page, "dispatch-form-phone-zh");
    }
}
