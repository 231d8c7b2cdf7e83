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

    public ILocator RulesForm => page.GetByTestId("comp-rules-form");

    public ILocator RulesError => RulesForm.GetByTestId("form-error");

    public ILocator MinStaff => RulesForm.GetByLabel(new Regex("^(每年最少派驻人数|Minimum staff per year)"));

    public ILocator MinContinuousDays => RulesForm.GetByLabel(new Regex("^(最少连续派驻天数|Minimum continuous days)"));

    /// MudBlazor draws its own box around the native checkbox and marks its state on that box.
    public ILocator YearRound => page.GetByTestId("comp-year-round").Locator("xpath=..");

    public ILocator MentorStrict => page.GetByTestId("comp-mentor-strict").Locator("xpath=..");

    public static Task ExpectCheckedAsync(ILocator box, bool on) =>
        Assertions.Expect(box).ToHaveClassAsync(new Regex(on ? "mud-checkbox-true" : "mud-checkbox-false"));

    /// Sets a checkbox by clicking it, as a user does, when it is not already as wanted.
    public static async Task SetAsync(ILocator box, bool on)
    {
        if ((await box.GetAttributeAsync("class"))!.Contains(on ? "mud-checkbox-true" : "mud-checkbox-false", StringComparison.Ordinal))
            return;
        await box.ClickAsync();
        await ExpectCheckedAsync(box, on);
    }

    /// The field (input, label and error text) of a numeric rule, by its label.
    public ILocator Field(string label) => RulesForm.Locator(".mud-input-control").Filter(new() { HasText = label });

    /// The check result of one rule, found by its label (e.g. 全年派驻人数).
    public ILocator Holds(string rule) => Rows.Filter(new() { HasText = rule }).GetByTestId("comp-holds");

    public Task SaveRulesAsync() => page.GetByTestId("comp-rules-save").ClickAsync();

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(合规检查|Compliance)$"));
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(RulesForm).ToBeVisibleAsync();
    }
}
