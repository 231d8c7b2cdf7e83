using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Accounts;

public sealed class UserAdminScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_creates_an_organization_administrator_who_is_listed_with_role_and_organization()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var users = new UserAdminPage(page);
        await users.GotoAsync();
        var userName = "yanyuan-" + Guid.NewGuid().ToString("N")[..6];

        await users.CreateOrgAdminAsync(userName, "盐源县医院管理员", "盐源", "盐源县人民医院");

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = userName });
        await Assertions.Expect(row).ToContainTextAsync("机构管理员");
        await Assertions.Expect(row).ToContainTextAsync("盐源县人民医院");
        await BrowserApp.ScreenshotAsync(page, "users-desktop-zh");
    }

    [Fact]
    public async Task Admin_disables_a_coordinator_whose_open_session_ends_and_enables_them_again()
    {
        var coordinator = await app.NewPageAsync();
        await new LoginPage(coordinator).SignInAsync("xs.coord", BrowserApp.AdminPassword);
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var users = new UserAdminPage(page);
        await users.GotoAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "xs.coord" });
        // The administrator's own row offers no way to lock itself out.
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "admin" }).First.GetByTestId("user-disable")).ToHaveCountAsync(0);

        await row.GetByTestId("user-disable").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { NameRegex = new("^(停用|Disable)$") }).ClickAsync();

        await Assertions.Expect(row.GetByTestId("user-disabled")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "users-disabled-zh");
        await coordinator.ReloadAsync();
        await coordinator.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await coordinator.GetByLabel(new Regex("用户名|User name")).FillAsync("xs.coord");
        await coordinator.GetByLabel(new Regex("^(密码|Password)$")).FillAsync(BrowserApp.AdminPassword);
        await coordinator.GetByRole(AriaRole.Button, new() { NameRegex = new("^(登录|Sign in)$") }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.Contains("/login", coordinator.Url, StringComparison.Ordinal);

        await row.GetByTestId("user-enable").ClickAsync();
        await Assertions.Expect(row.GetByTestId("user-disabled")).ToHaveCountAsync(0);
        await new LoginPage(coordinator).SignInAsync("xs.coord", BrowserApp.AdminPassword);
    }
}
