using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class PartnershipCreatePage(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("/partnerships/new");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Name => page.GetByLabel(new Regex("^(名称|Name)"));

    public ILocator Programme => page.GetByLabel(new Regex("^(项目/计划|Programme)"));

    public ILocator StartDate => page.GetByLabel(new Regex("^(开始日期|Start date)"));

    /// Types into the organization picker of party row n (from 1) and chooses the suggestion with that name.
    public async Task PickPartyAsync(int n, string search, string organizationName)
    {
        var input = page.GetByLabel(new Regex($"^(参与单位{n}|Party {n})( \\*)?$"));
        await input.ClickAsync();
        await input.FillAsync(search);
        await page.GetByRole(AriaRole.Option, new() { Name = organizationName, Exact = true }).ClickAsync();
        await Assertions.Expect(input).ToHaveValueAsync(organizationName);
    }

    public async Task CreateAsync()
    {
        await page.GetByTestId("ptn-create").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/partnerships/\d+$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }
}
