using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class PartnershipDetailPage(IPage page)
{
    public async Task GotoAsync(string partnershipName)
    {
        await page.GotoAsync("/partnerships");
        await LoginPage.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = partnershipName, Exact = true }).ClickAsync();
        await Assertions.Expect(Heading).ToHaveTextAsync(partnershipName);
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Parties => page.GetByTestId("party-row");

    public ILocator Members => page.GetByTestId("member-table").GetByTestId("party-row");

    public ILocator Rounds => page.GetByTestId("agreement-round");

    /// Adds a party through the inline form: the organization by search, then its docking department.
    public async Task AddMemberAsync(string search, string organizationName, string dockingDepartment)
    {
        await page.GetByTestId("member-add").ClickAsync();
        var form = page.GetByTestId("member-form");
        var org = form.GetByLabel(new Regex("^(单位|Organization)( \\*)?$"));
        await org.ClickAsync();
        await org.FillAsync(search);
        await page.GetByRole(AriaRole.Option, new() { Name = organizationName, Exact = true }).ClickAsync();
        // The department list belongs to the organization just chosen: wait until it is enabled.
        var docking = form.GetByLabel(new Regex("^(对接科室|Docking department)"));
        await Assertions.Expect(docking).ToBeEnabledAsync();
        await docking.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = dockingDepartment, Exact = true }).ClickAsync();
        await form.GetByTestId("member-save").ClickAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();
    }

    public async Task<ILocator> OpenHistoryAsync()
    {
        var panel = page.GetByTestId("history");
        await panel.GetByText(new Regex("^(修改记录|Change history)$")).ClickAsync();
        return panel.GetByRole(AriaRole.Row);
    }

    public async Task AddAgreementAsync(int round, string title, string signedOn, string termStart, string? termEnd)
    {
        await page.GetByTestId("agreement-add").ClickAsync();
        var form = page.GetByTestId("agreement-form");
        await form.GetByLabel(new Regex("^(轮次|Round)")).FillAsync(round.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel(new Regex("^(协议名称|Agreement title)")).FillAsync(title);
        await form.GetByLabel(new Regex("^(签订日期|Signed on)")).FillAsync(signedOn);
        await form.GetByLabel(new Regex("^(期限开始|Term start)")).FillAsync(termStart);
        if (termEnd is not null)
            await form.GetByLabel(new Regex("^(期限结束|Term end)")).FillAsync(termEnd);
        await form.GetByTestId("agreement-save").ClickAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();
    }
}
