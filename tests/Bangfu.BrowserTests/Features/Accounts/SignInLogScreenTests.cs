using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Accounts;

public sealed class SignInLogScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_finds_a_failed_sign_in_in_the_sign_in_log_by_the_name_that_was_tried()
    {
        var ghost = "ghost-" + Guid.NewGuid().ToString("N")[..6];
        var stranger = await app.NewPageAsync();
        await stranger.GotoAsync("/login");
        await stranger.GetByLabel(new System.Text.RegularExpressions.Regex("用户名|User name")).FillAsync(ghost);
        await stranger.GetByLabel(new System.Text.RegularExpressions.Regex("^(密码|Password)$")).FillAsync("Wrong#Pass2026");
        await stranger.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(登录|Sign in)$") }).ClickAsync();
        await Assertions.Expect(stranger.GetByText("用户名或密码错误")).ToBeVisibleAsync();

        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "登录日志" })).ToBeVisibleAsync();
        var log = new SignInLogPage(page);
        await log.GotoAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录日志" })).ToBeVisibleAsync();
        await Assertions.Expect(log.Rows.Filter(new() { HasText = "admin" }).First).ToBeVisibleAsync();

        await log.FilterByUserAsync(ghost);

        await Assertions.Expect(log.Rows).ToHaveCountAsync(1);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = ghost });
        await Assertions.Expect(row).ToContainTextAsync("登录失败");
        await Assertions.Expect(row).ToContainTextAsync("失败");
        await Assertions.Expect(log.Export).ToHaveAttributeAsync("href", $"/api/audit/sign-ins/export?userName={ghost}");
        await BrowserApp.ScreenshotAsync(page, "sign-in-log-desktop-zh");
    }
}
