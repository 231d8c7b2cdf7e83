using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class CompliancePage(IPage page)
{
    /// Opens the compliance check from the partnership's detail page, the way a coordinator does.
    public async Task GotoAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-compliance").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(合规检查|Compliance)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Rows => page.GetByTestId("comp-table").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("comp-row") });

    public ILocator RulesSource => page.GetByTestId("comp-rules-source");

    /// The year is a MudBlazor select: clicking it opens the list of years.
    public async Task ChooseYearAsync(int year)
    {
        var text = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First.WaitForAsync();
        await page.GetByLabel(new Regex("^(年度|Year)$")).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = text, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("comp-summary")).ToContainTextAsync(text);
    }
}
