using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Dispatches;

/// A coordinator reads what happened to a dispatch of the trusteeship (seed 004), and keeps her filters in the address.
public sealed class DispatchHistoryTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    private const string Stationed = "驻点";

    private async Task<(IPage Page, DispatchListPage List)> OpenAsync()
    {
        var page = await app.NewPageAsync(1366, 900);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new DispatchListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.FilterByModeAsync(Stationed);
        return (page, list);
    }

    [Fact]
    public async Task History_shows_the_extension_and_the_early_end_in_chinese_newest_first()
    {
        var (page, list) = await OpenAsync();
        var row = list.Rows.Filter(new() { HasText = "2017-09-01 – " }).Filter(new() { HasText = "杨晓东" });
        await Assertions.Expect(row).ToContainTextAsync("2017-09-01 – 2018-05-28");
        await list.ChangeEndAsync(row, "dispatch-extend", "2018-06-30");
        await Assertions.Expect(list.ChangeForm).ToBeHiddenAsync();
        await list.ChangeEndAsync(row, "dispatch-end-early", "2018-03-31");
        await Assertions.Expect(list.ChangeForm).ToBeHiddenAsync();

        var panel = await list.OpenHistoryAsync(row);
        var entries = panel.GetByTestId("dispatch-history-entry");
        await Assertions.Expect(entries).ToHaveCountAsync(3);
        await Assertions.Expect(entries.Nth(0)).ToContainTextAsync("提前结束");
        await Assertions.Expect(entries.Nth(0)).ToContainTextAsync("结束日期 2018-06-30 → 2018-03-31");
        await Assertions.Expect(entries.Nth(1)).ToContainTextAsync("延期");
        await Assertions.Expect(entries.Nth(1)).ToContainTextAsync("结束日期 2018-05-28 → 2018-06-30");
        await Assertions.Expect(entries.Nth(1)).ToContainTextAsync("admin");
        await Assertions.Expect(entries.Nth(2)).ToContainTextAsync("创建");
        await Assertions.Expect(entries.Nth(2)).ToContainTextAsync("派驻方式 驻点");
        await Assertions.Expect(entries.Nth(2)).ToContainTextAsync("专家 杨晓东");
        await Assertions.Expect(panel).Not.ToContainTextAsync("EndDate");
        await BrowserApp.ScreenshotAsync(page, "dispatch-history-desktop-zh");

        // The open history follows a further change.
        await list.CancelAsync(row, "专家返回原单位");
        await Assertions.Expect(entries).ToHaveCountAsync(4);
        await Assertions.Expect(entries.Nth(0)).ToContainTextAsync("取消");
        await Assertions.Expect(entries.Nth(0)).ToContainTextAsync("取消原因：专家返回原单位");

        await panel.GetByTestId("dispatch-history-close").ClickAsync();
        await Assertions.Expect(panel).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Filters_live_in_the_address_so_a_reload_or_a_shared_link_keeps_them()
    {
        var (page, list) = await OpenAsync();
        await list.ChooseAsync(list.YearFilter, new Regex("^2019$"));
        await list.ChooseAsync(list.StatusFilter, new Regex("^已结束$"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("mode=Stationed"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("year=2019"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=Ended"));
        await Assertions.Expect(list.Rows.First).ToBeVisibleAsync();
        var count = await list.Rows.CountAsync();
        var shown = await page.GetByTestId("dispatch-count").InnerTextAsync();

        await list.ReloadAsync(Stationed);
        await Assertions.Expect(list.YearFilter).ToContainTextAsync("2019");
        await Assertions.Expect(list.StatusFilter).ToContainTextAsync("已结束");
        await Assertions.Expect(list.Rows).ToHaveCountAsync(count);
        await Assertions.Expect(page.GetByTestId("dispatch-count")).ToHaveTextAsync(shown);

        // The same address opened in another window shows the same list.
        var other = await app.NewPageAsync(1366, 900);
        await new LoginPage(other).SignInAsync("admin", BrowserApp.AdminPassword);
        await other.GotoAsync(page.Url);
        await LoginPage.WaitForInteractiveAsync(other);
        await Assertions.Expect(other.GetByTestId("dispatch-count")).ToHaveTextAsync(shown);
        var otherList = new DispatchListPage(other);
        await Assertions.Expect(otherList.ModeFilter).ToContainTextAsync(Stationed);
        await Assertions.Expect(otherList.Rows.Filter(new() { HasNotText = "已结束" })).ToHaveCountAsync(0);
    }
}
