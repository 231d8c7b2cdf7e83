using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class OrganizationEditPage(IPage page)
{
    public async Task GotoNewAsync()
    {
        await page.GotoAsync("/organizations/new");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public async Task GotoAsync(string url)
    {
        await page.GotoAsync(url);
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Address => page.GetByLabel(new Regex("^(地址|Address)"));

    public ILocator Error => page.GetByTestId("form-error");

    public Task ReloadAsync() => page.GetByTestId("reload").ClickAsync();

    public ILocator Name => page.GetByLabel(new Regex("^(机构名称|Name)"));

    public ILocator RegionCode => page.GetByLabel(new Regex("^(行政区划代码|Region code)"));

    public ILocator ShortName => page.GetByLabel(new Regex("^(简称|Short name)"));

    public async Task SaveAsync()
    {
        await page.GetByTestId("org-save").ClickAsync();
    }

    /// A new organization is saved when the page moves to its own address.
    public Task WaitForSavedAsync() => page.WaitForURLAsync(new Regex(@"/organizations/\d+$"));

    public ILocator Departments => page.GetByTestId("dept-row");
}
