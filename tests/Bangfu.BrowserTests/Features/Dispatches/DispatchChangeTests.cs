using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Dispatches;

/// A coordinator corrects, extends, shortens and cancels the trusteeship's dispatches (seed 004); each test works on
/// its own dispatch, and every change is checked again after a reload.
public sealed class DispatchChangeTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    private const string Stationed = "驻点";

    private async Task<(IPage Page, DispatchListPage List)> OpenAsync(int width = 1366)
    {
        var page = await app.NewPageAsync(width, 900);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new DispatchListPage(page);
        await list.GotoAsync(Trusteeship);
        // The partnership has more dispatches than one page shows; the stationed ones fit on one.
        await list.FilterByModeAsync(Stationed);
        return (page, list);
    }

    [Fact]
    public async Task Editing_a_dispatch_changes_its_role_and_department_and_survives_a_reload()
    {
        var (page, list) = await OpenAsync();
        var row = list.RowOf("2019-04-24 – 2020-01-18");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).Not.ToContainTextAsync("重症医学科");
        await Assertions.Expect(row).Not.ToContainTextAsync("科主任");

        await list.OpenEditAsync(row);
        await Assertions.Expect(list.StartDate).ToHaveValueAsync("2019-04-24");
        await list.ChooseAsync(list.Role, new Regex("^科主任$"));
        await list.ChooseAsync(list.Department, new Regex("^重症医学科$"));
        await list.SaveAsync();
        await Assertions.Expect(list.Form).ToBeHiddenAsync();
        await Assertions.Expect(row).ToContainTextAsync("科主任");
        await Assertions.Expect(row).ToContainTextAsync("盐源县人民医院 · 重症医学科");

        await list.ReloadAsync(Stationed);
        await Assertions.Expect(row).ToContainTextAsync("科主任");
        await Assertions.Expect(row).ToContainTextAsync("盐源县人民医院 · 重症医学科");
        await Assertions.Expect(row).ToContainTextAsync("朱晓东");
    }

    [Fact]
    public async Task Extending_and_ending_early_move_the_end_and_keep_the_planned_end_after_a_reload()
    {
        var (page, list) = await OpenAsync();
        var row = list.Rows.Filter(new() { HasText = "2017-09-01 – " }).Filter(new() { HasText = "杨晓东" });
        await Assertions.Expect(row).ToContainTextAsync("2017-09-01 – 2018-05-28");

        await list.ChangeEndAsync(row, "dispatch-extend", "2018-05-01");
        await Assertions.Expect(list.ChangeError).ToContainTextAsync("请修改标出的内容");
        await Assertions.Expect(list.ChangeForm).ToContainTextAsync("延期后的结束日期须晚于原结束日期");
        await list.ChangeEndAsync(row, "dispatch-extend", "2018-06-30");
        await Assertions.Expect(list.ChangeForm).ToBeHiddenAsync();
        await Assertions.Expect(row).ToContainTextAsync("2017-09-01 – 2018-06-30");
        await Assertions.Expect(row).ToContainTextAsync("原定至 2018-05-28");
        await Assertions.Expect(row).ToContainTextAsync("303");

        await list.ReloadAsync(Stationed);
        await Assertions.Expect(row).ToContainTextAsync("2017-09-01 – 2018-06-30");
        await Assertions.Expect(row).ToContainTextAsync("原定至 2018-05-28");

        await list.ChangeEndAsync(row, "dispatch-end-early", "2018-07-15");
        await Assertions.Expect(list.ChangeForm).ToContainTextAsync("提前结束日期须早于原结束日期且不早于开始日期");
        await list.ChangeEndAsync(row, "dispatch-end-early", "2018-03-31");
        await Assertions.Expect(list.ChangeForm).ToBeHiddenAsync();
        await Assertions.Expect(row).ToContainTextAsync("2017-09-01 – 2018-03-31");
        await BrowserApp.ScreenshotAsync(page, "dispatch-ended-early-desktop-zh");

        await list.ReloadAsync(Stationed);
        await Assertions.Expect(row).ToContainTextAsync("2017-09-01 – 2018-03-31");
        await Assertions.Expect(row).ToContainTextAsync("原定至 2018-05-28");
        await Assertions.Expect(row).ToContainTextAsync("212");
    }

    [Fact]
    public async Task Editing_a_dispatch_onto_a_busy_expert_names_the_conflicting_dispatch_in_the_form()
    {
        var (page, list) = await OpenAsync();
        var president = list.Rows.Filter(new() { HasText = "挂职院长" }).Filter(new() { HasText = "2017-08-01 – 2020-03-31" });
        var presidentId = await DispatchListPage.IdOfAsync(president);
        var row = list.RowOf("2018-12-25 – 2019-09-20");
        await Assertions.Expect(row).ToContainTextAsync("孙晓东");

        await list.OpenEditAsync(row);
        await list.ChooseAsync(list.Expert, new Regex("^吴海峰 "));
        await list.SaveAsync();
        await Assertions.Expect(list.Error).ToContainTextAsync($"#{presidentId}，盐源县人民医院，2017-08-01 至 2020-03-31");
        await Assertions.Expect(list.Error).ToContainTextAsync("同一人不能同时派驻两地");
        await Assertions.Expect(list.Expert).ToContainTextAsync("吴海峰");
        await Assertions.Expect(list.StartDate).ToHaveValueAsync("2018-12-25");
        await BrowserApp.ScreenshotAsync(page, "dispatch-edit-overlap-desktop-zh");

        await list.Form.GetByTestId("dispatch-form-cancel").ClickAsync();
        await list.ReloadAsync(Stationed);
        await Assertions.Expect(row).ToContainTextAsync("孙晓东");
        await Assertions.Expect(row).Not.ToContainTextAsync("吴海峰");
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_and_the_cancelled_dispatch_keeps_it_after_a_reload()
    {
        var (page, list) = await OpenAsync();
        var row = list.RowOf("2017-12-30 – 2018-09-25");
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await row.GetByTestId("dispatch-cancel").ClickAsync();
        await list.ChangeForm.GetByTestId("dispatch-change-save").ClickAsync();
        await Assertions.Expect(list.ChangeForm).ToContainTextAsync("请修改标出的内容");
        await list.CancelAsync(row, "受援医院调整科室安排");
        await Assertions.Expect(row.GetByTestId("dispatch-status")).ToHaveTextAsync("已取消");

        await list.ReloadAsync(Stationed);
        await Assertions.Expect(row.GetByTestId("dispatch-status")).ToHaveTextAsync("已取消");
        await Assertions.Expect(row).ToContainTextAsync("取消原因：受援医院调整科室安排");
        await Assertions.Expect(row.GetByTestId("dispatch-edit")).ToHaveCountAsync(0);
        await Assertions.Expect(row.GetByTestId("dispatch-extend")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Changed_and_cancelled_dispatches_fit_a_phone()
    {
        var (page, list) = await OpenAsync(360);
        var extended = list.RowOf("2018-08-27 – ");
        await list.ChangeEndAsync(extended, "dispatch-extend", "2019-06-30");
        await Assertions.Expect(list.ChangeForm).ToBeHiddenAsync();
        await Assertions.Expect(extended).ToContainTextAsync("原定至 2019-05-23");
        await list.CancelAsync(list.RowOf("2018-04-29 – 2019-01-23"), "受援医院耳鼻喉科病房改造，本批次派驻暂停，待病房启用后重新安排专家");
        await extended.GetByTestId("dispatch-extend").ClickAsync();
        await Assertions.Expect(list.ChangeForm).ToBeVisibleAsync();

        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows, "the page scrolls sideways at 360 px");
        // Nor may the table scroll inside its own box: every cell fits the screen.
        var wide = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('[data-testid=dispatch-table] td')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.dataset.label + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 5).join(' | ')
            """);
        Assert.True(wide.Length == 0, wide);
        await BrowserApp.ScreenshotAsync(page, "dispatch-change-phone-zh");
    }
}
