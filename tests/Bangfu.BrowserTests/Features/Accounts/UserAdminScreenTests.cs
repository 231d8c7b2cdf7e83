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
}
