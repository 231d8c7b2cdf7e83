using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// Picking from a MudBlazor select the way a person does: open it, click the option, and see the field show it.
/// The pick is a round trip to the circuit; a save clicked before the field shows the choice may act on the old
/// value (a browser test that went on at once failed now and then on a busy machine).
public static class MudSelect
{
    public static async Task ChooseAsync(IPage page, ILocator field, Regex option)
    {
        await field.ClickAsync();
        var item = page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = option }).First;
        var text = (await item.InnerTextAsync()).Trim();
        await item.ClickAsync();
        await Assertions.Expect(item).ToBeHiddenAsync();
        // The select shows its text beside its (empty, read-only) input, inside the same control.
        await Assertions.Expect(field.Locator("xpath=ancestor::div[contains(@class,'mud-input-control')][1]")).ToContainTextAsync(text);
    }

    public static Task ChooseAsync(IPage page, ILocator field, string option) =>
        ChooseAsync(page, field, new Regex("^" + Regex.Escape(option) + "$"));
}
