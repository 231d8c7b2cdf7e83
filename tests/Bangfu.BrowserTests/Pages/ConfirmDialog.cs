using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// The MudBlazor message box a page shows before it deletes something.
public sealed class ConfirmDialog(IPage page)
{
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public async Task ConfirmAsync()
    {
        await Dialog.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(删除|Delete)$") }).ClickAsync();
        await Assertions.Expect(Dialog).ToBeHiddenAsync();
    }

    public async Task DismissAsync()
    {
        await Dialog.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(取消|Cancel)$") }).ClickAsync();
        await Assertions.Expect(Dialog).ToBeHiddenAsync();
    }
}
