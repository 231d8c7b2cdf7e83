using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class LedgerPage(IPage page)
{
    /// Opens the ledger page from a partnership's header, which preselects that partnership.
    public async Task GotoFromPartnershipAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-ledgers").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(台账导出|Ledger export)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Year => page.GetByLabel(new Regex("^(年度|Year)$"));

    public ILocator Download => page.GetByTestId("ledger-download");

    public ILocator KindCheckbox(string label) => page.GetByRole(AriaRole.Checkbox, new() { Name = label, Exact = true });

    public async Task ChooseYearAsync(int year, string half)
    {
        await Year.FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Year.BlurAsync();
        await page.GetByTestId(half).ClickAsync();
    }
}
