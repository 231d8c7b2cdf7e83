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

    public ILocator Row(string text) => Rows.Filter(new() { HasText = text });

    public ILocator Form => page.GetByTestId("technique-form");

    public ILocator Name => Form.GetByLabel(new Regex("^(技术名称|Technique)"));

    public ILocator Grade => Form.GetByLabel(new Regex("^(手术分级|Surgical grade)"));

    public ILocator ListError => page.GetByTestId("form-error");

    public async Task OpenNewFormAsync()
    {
        await page.GetByTestId("technique-add").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    public async Task AddAsync(string name)
    {
        await OpenNewFormAsync();
        await Name.FillAsync(name);
        await SaveAsync();
        await Assertions.Expect(Form).ToBeHiddenAsync();
        await Assertions.Expect(Row(name)).ToHaveCountAsync(1);
    }

    public async Task OpenEditFormAsync(ILocator row)
    {
        await row.GetByTestId("technique-edit").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    /// MudBlazor selects open a list of options when their field is clicked.
    public Task ChooseAsync(ILocator field, Regex option) => MudSelect.ChooseAsync(page, field, option);

    public static Task DeleteAsync(ILocator row) => row.GetByTestId("technique-delete").ClickAsync();

    public Task SaveAsync() => Form.GetByTestId("technique-save").ClickAsync();

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(Rows.First).ToBeVisibleAsync();
    }
}
