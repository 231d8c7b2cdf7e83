using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class UserAdminPage(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("/admin/users");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Rows => page.GetByTestId("user-row");

    /// Creates an organization administrator; the form proposes a generated password, which is kept.
    public async Task CreateOrgAdminAsync(string userName, string displayName, string organizationSearch, string organizationName)
    {
        await page.GetByTestId("user-add").ClickAsync();
        var form = page.GetByTestId("user-form");
        await form.GetByLabel(new Regex("^(用户名|User name)")).FillAsync(userName);
        await form.GetByLabel(new Regex("^(显示名称|Display name)")).FillAsync(displayName);
        var org = form.GetByLabel(new Regex("^(所属机构|Organization)"));
        await org.ClickAsync();
        await org.FillAsync(organizationSearch);
        await page.GetByRole(AriaRole.Option, new() { Name = organizationName, Exact = true }).ClickAsync();
        await form.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();
    }
}
