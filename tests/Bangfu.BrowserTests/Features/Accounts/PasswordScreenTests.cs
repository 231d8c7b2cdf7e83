using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Accounts;

public sealed class PasswordScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_coordinator_changes_their_own_password_is_signed_out_and_signs_in_with_the_new_one()
    {
        const string newPassword = "Yanbian#Moxing2026";
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("sx.coord", BrowserApp.AdminPassword);
        await page.GetByTestId("password-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/password", StringComparison.Ordinal));
        // Signed in, the account is the caller's own: no name is asked for.
        await Assertions.Expect(page.GetByLabel(new Regex("^(用户名|User name)$"))).ToHaveCountAsync(0);

        await FillAsync(page, BrowserApp.AdminPassword, newPassword, newPassword + "x");
        await Assertions.Expect(page.GetByTestId("password-errors")).ToContainTextAsync("不一致");
        await FillAsync(page, "wrong-password-1", newPassword, newPassword);
        await Assertions.Expect(page.GetByTestId("password-errors")).ToBeVisibleAsync();
        await FillAsync(page, BrowserApp.AdminPassword, "password1", "password1");
        await Assertions.Expect(page.GetByTestId("password-errors")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "password-refused-zh");

        await FillAsync(page, BrowserApp.AdminPassword, newPassword, newPassword);
        await page.WaitForURLAsync(url => url.Contains("/login?changed=1", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync();
        // The old session is gone: a page of the app goes to the sign-in page.
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await new LoginPage(page).SignInAsync("sx.coord", newPassword);
        Assert.DoesNotContain("/login", page.Url, StringComparison.Ordinal);
    }

    private static async Task FillAsync(IPage page, string current, string next, string confirm)
    {
        await page.GetByLabel(new Regex("^(当前密码|Current password)$")).FillAsync(current);
        await page.GetByLabel(new Regex("^(新密码|New password)$")).FillAsync(next);
        await page.GetByLabel(new Regex("^(再次输入新密码|New password again)$")).FillAsync(confirm);
        await page.GetByTestId("password-save").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
