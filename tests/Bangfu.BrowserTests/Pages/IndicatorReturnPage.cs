using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class IndicatorReturnPage(IPage page)
{
    /// Opens an organization's return from its detail page, the way a coordinator does.
    public async Task GotoAsync(string organizationName)
    {
        var list = new OrganizationListPage(page);
        await list.GotoAsync();
        await list.SearchAsync(organizationName);
        await list.Row(organizationName).GetByRole(AriaRole.Link, new() { Name = organizationName, Exact = true }).ClickAsync();
        await page.GetByTestId("org-indicators").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(指标填报|Indicators)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Period => Input("indicator-period");

    public async Task ShowPeriodAsync(string period)
    {
        await Period.FillAsync(period);
        await page.GetByTestId("indicator-load").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new Regex($"^{Regex.Escape(period)} ") })).ToBeVisibleAsync();
    }

    public ILocator Value(string code) => Input($"value-{code}");

    // MudBlazor puts the test id on the input itself or on its wrapper, depending on the component.
    private ILocator Input(string testId) => page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input");

    public ILocator Derived(string code) => page.GetByTestId($"derived-{code}");

    public ILocator Warnings => page.GetByTestId("indicator-warning");

    public ILocator ApprovalState => page.GetByTestId("approval-state");

    public ILocator Locked => page.GetByTestId("approval-locked");

    public ILocator Save => page.GetByTestId("indicator-save");

    public Task ActAsync(string action) => page.GetByTestId($"approval-{action}").ClickAsync();
}
