using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// The frame around every signed-in screen: app bar, language switch, navigation.
public sealed class AppShell(IPage page)
{
    public ILocator LanguageSwitch => page.GetByTestId("language-switch");

    public async Task SwitchLanguageAsync()
    {
        var before = await page.EvaluateAsync<string>("() => document.documentElement.lang");
        await LanguageSwitch.ClickAsync();
        await page.WaitForFunctionAsync("lang => document.documentElement.lang !== lang", before);
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator NavLink(string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
