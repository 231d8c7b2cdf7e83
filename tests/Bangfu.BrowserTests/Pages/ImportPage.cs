using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// /partnerships/{id}/import: template, upload with progress, preview, commit, history.
public sealed class ImportPage(IPage page)
{
    public async Task GotoFromPartnershipAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-import").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(导入台账|Import a ledger)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Template => page.GetByTestId("import-template");
    public ILocator File => page.GetByTestId("import-file");
    public ILocator Progress => page.GetByTestId("import-progress");
    public ILocator Preview => page.GetByTestId("import-preview");
    public ILocator Creates => page.GetByTestId("import-creates");
    public ILocator Errors => page.GetByTestId("import-errors");
    public ILocator Issues => page.GetByTestId("import-issue");
    public ILocator Commit => page.GetByTestId("import-commit");
    public ILocator Done => page.GetByTestId("import-done");
    public ILocator History => page.GetByTestId("import-history");
}
