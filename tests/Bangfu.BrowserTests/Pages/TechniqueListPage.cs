using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class TechniqueListPage(IPage page)
{
    /// Opens the techniques from the partnership's detail page, the way a coordinator does.
    public async Task GotoAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-techniques").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(新技术新项目|New techniques)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Rows => page.GetByTestId("technique-table").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("technique-row") });

    public ILocator Form => page.GetByTestId("technique-form");

    public ILocator Name => Form.GetByLabel(new Regex("^(技术名称|Technique)"));

    public async Task OpenNewFormAsync()
    {
        await page.GetByTestId("technique-add").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    public Task SaveAsync() => Form.GetByTestId("technique-save").ClickAsync();
}
