using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// The coordinator's monthly ledger: one row per kind for a host and a month.
public sealed class ActivityGridPage(IPage page)
{
    public async Task OpenFromDetailAsync()
    {
        await page.GetByTestId("ptn-activities").ClickAsync();
        await Assertions.Expect(page.GetByTestId("grid")).ToBeVisibleAsync();
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public async Task ChooseAsync(string host, string month)
    {
        await page.GetByTestId("grid-host").SelectOptionAsync(new SelectOptionValue { Label = host });
        await page.GetByTestId("grid-month").FillAsync(month);
        // The rows are replaced when the month has loaded; typing before that would go into the old ones.
        await Assertions.Expect(page.GetByTestId("grid")).ToHaveAttributeAsync("data-loaded", new System.Text.RegularExpressions.Regex(":" + month + "$"));
    }

    public ILocator Row(string kind) => page.GetByTestId($"grid-row-{kind}");

    public ILocator Quantity(string kind) => Row(kind).GetByTestId("grid-quantity");

    public ILocator RowErrors(string kind) => Row(kind).GetByTestId("row-error");

    public ILocator Totals => page.GetByTestId("grid-totals");

    public ILocator Entries => page.GetByTestId("entry-row");

    public Task SaveAsync() => page.GetByTestId("grid-save").ClickAsync();

    /// Opens the paste box, puts the cells in as Excel copies them (tab-separated lines) and fills the grid.
    public async Task PasteAsync(string cells)
    {
        var panel = page.GetByTestId("grid-paste-panel");
        if (await panel.GetAttributeAsync("open") is null)
            await panel.Locator("summary").ClickAsync();
        await page.GetByTestId("grid-paste").FillAsync(cells);
        await page.GetByTestId("grid-paste-apply").ClickAsync();
    }

    public ILocator PasteProblems => page.GetByTestId("paste-problem");
}
