using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Activities;

public sealed class QuickEntryTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> ExpertOnPhoneAsync()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("pzh.expert", BrowserApp.AdminPassword);
        return page;
    }

    [Fact]
    public async Task An_expert_logs_the_days_work_on_a_phone_and_finds_it_after_reloading()
    {
        var page = await ExpertOnPhoneAsync();
        var log = new QuickEntryPage(page);
        await log.OpenAsync();
        await log.QuantityAsync("Surgery", "3");
        await log.SubjectAsync("Surgery", "白内障复明手术（快速登记）");
        await log.QuantityAsync("Lecture", "1");
        await log.AttendeesAsync("Lecture", "45");
        await BrowserApp.ScreenshotAsync(page, "quick-entry-phone-zh");
        await log.SaveAsync();

        await Assertions.Expect(log.Status).ToContainTextAsync("已保存 2 条");
        await page.ReloadAsync();
        await Assertions.Expect(log.Recent).ToContainTextAsync("白内障复明手术（快速登记）");
        await Assertions.Expect(log.Recent).ToContainTextAsync("参加/服务人次 45");
        await BrowserApp.ScreenshotAsync(page, "quick-entry-saved-phone-zh");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the phone");
    }

    [Fact]
    public async Task A_refused_entry_shows_why_and_keeps_what_was_typed()
    {
        var page = await ExpertOnPhoneAsync();
        var log = new QuickEntryPage(page);
        await log.OpenAsync();
        await log.QuantityAsync("Surgery", "5000");
        await log.SubjectAsync("Surgery", "超量测试");
        await log.SaveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
        await Assertions.Expect(log.Line("Surgery").GetByText("须在 1 到 2000 之间")).ToBeVisibleAsync();
        await Assertions.Expect(log.Line("Surgery").GetByLabel(new System.Text.RegularExpressions.Regex("术式/名称$"))).ToHaveValueAsync("超量测试");
        await BrowserApp.ScreenshotAsync(page, "quick-entry-error-phone-zh");
    }

    [Fact]
    public async Task Offline_the_submission_is_held_on_the_phone_and_restored_later()
    {
        var page = await ExpertOnPhoneAsync();
        var log = new QuickEntryPage(page);
        await log.OpenAsync();
        await log.QuantityAsync("TeachingRound", "2");
        await page.Context.SetOfflineAsync(true);
        await log.SaveAsync();
        await Assertions.Expect(page.GetByText("当前没有网络")).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(false);
        await log.OpenAsync();
        await Assertions.Expect(page.GetByText("已恢复上次未提交的内容")).ToBeVisibleAsync();
        await Assertions.Expect(log.Line("TeachingRound").GetByLabel(new System.Text.RegularExpressions.Regex("数量$"))).ToHaveValueAsync("2");
        await log.SaveAsync();
        await Assertions.Expect(log.Status).ToContainTextAsync("已保存 1 条");
    }
}
