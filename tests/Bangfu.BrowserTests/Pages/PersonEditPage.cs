using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class PersonEditPage(IPage page)
{
    public async Task GotoNewAsync()
    {
        await page.GotoAsync("/people/new");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Name => page.GetByLabel(new Regex("^(姓名|Name)"));

    public ILocator Title => page.GetByLabel(new Regex("^(职称|Title)( \\*)?$"));

    public async Task PickOrganizationAsync(string search, string organizationName)
    {
        var input = page.GetByLabel(new Regex("^(所属机构|Organization)"));
        await input.ClickAsync();
        await input.FillAsync(search);
        await page.GetByRole(AriaRole.Option, new() { Name = organizationName, Exact = true }).ClickAsync();
    }

    /// MudBlazor selects open a list of options when their field is clicked.
    public Task ChooseAsync(string label, string option) => MudSelect.ChooseAsync(page, page.GetByLabel(new Regex($"^{Regex.Escape(label)}")), option);

    public async Task SaveAsync()
    {
        await page.GetByTestId("person-save").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/people/\d+$"));
    }
}
