using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features;

public sealed class SignInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_signs_in_and_sees_the_seed_partnerships_in_chinese()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await Assertions.Expect(page.GetByText("托管：攀枝花市中心医院托管盐源县人民医院").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("山西省儿童妇幼医疗保健专科联盟").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "home-desktop-zh");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var page = await app.NewPageAsync(360, 780);
        await page.GotoAsync("/login");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码错误");
        await BrowserApp.ScreenshotAsync(page, "login-error-phone-zh");
    }
}
