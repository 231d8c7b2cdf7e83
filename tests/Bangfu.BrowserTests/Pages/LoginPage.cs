using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string userName, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("用户名|User name")).FillAsync(userName);
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(密码|Password)$")).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(登录|Sign in)$") }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitForInteractiveAsync(page);
    }

    /// MudBlazor inputs lose keystrokes typed before the circuit is live; Blazor marks the document when it is.
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-interactive=\"true\"]') !== null");
}
