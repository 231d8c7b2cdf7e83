using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class OrganizationListPage(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("/organizations");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Rows => page.GetByTestId("org-row");

    public ILocator Row(string name) => Rows.Filter(new() { HasText = name });

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^(搜索|Search)$")).FillAsync(text);
    }

    public Task AddAsync() => page.GetByTestId("org-add").ClickAsync();
}
