using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// 登录日志: filters above a server-paged table.
public sealed class SignInLogPage(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("/admin/audit/sign-ins");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Table => page.GetByTestId("audit-table");

    public ILocator Rows => page.GetByTestId("audit-row");

    public ILocator Export => page.GetByTestId("audit-export");

    public async Task FilterByUserAsync(string userName)
    {
        await page.GetByLabel(new Regex("^(操作人员|User)")).FillAsync(userName);
        await page.GetByTestId("audit-search").ClickAsync();
    }
}
