using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class DispatchListPage(IPage page)
{
    /// Opens the dispatches from the partnership's detail page, the way a coordinator does.
    public async Task GotoAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-dispatches").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(派驻记录|Dispatches)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Rows => page.GetByTestId("dispatch-table").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("dispatch-row") });

    public ILocator Form => page.GetByTestId("dispatch-form");

    public ILocator Error => Form.GetByTestId("form-error");

    public ILocator Expert => Form.GetByLabel(new Regex("^(专家|Expert)"));

    public ILocator StartDate => Form.GetByLabel(new Regex("^(开始日期|Start date)"));

    public ILocator EndDate => Form.GetByLabel(new Regex("^(结束日期|End date)"));

    public ILocator Batch => Form.GetByLabel(new Regex("^(批次|Batch)"));

    public async Task FilterByModeAsync(string mode)
    {
        await ChooseAsync(ModeFilter, new Regex($"^{Regex.Escape(mode)}$"));
        await Assertions.Expect(Rows.Filter(new() { HasNotText = mode })).ToHaveCountAsync(0);
    }

    public async Task OpenNewFormAsync()
    {
        await page.GetByTestId("dispatch-add").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    /// MudBlazor selects open a list of options when their field is clicked.
    public Task ChooseAsync(ILocator field, Regex option) => MudSelect.ChooseAsync(page, field, option);

    public async Task FillPeriodAsync(string start, string end)
    {
        await StartDate.FillAsync(start);
        await EndDate.FillAsync(end);
    }

    /// Cancels a listed dispatch through the inline change form, giving the reason the service requires.
    public async Task CancelAsync(ILocator row, string reason)
    {
        await row.GetByTestId("dispatch-cancel").ClickAsync();
        var form = page.GetByTestId("dispatch-change-form");
        await form.GetByLabel(new Regex("^(取消原因|Reason for cancelling)")).FillAsync(reason);
        await form.GetByTestId("dispatch-change-save").ClickAsync();
        await Assertions.Expect(form).ToBeHiddenAsync();
    }

    public Task SaveAsync() => Form.GetByTestId("dispatch-save").ClickAsync();

    public ILocator Role => Form.GetByLabel(new Regex("^(职务|Role)"));

    public ILocator Department => Form.GetByLabel(new Regex("^(受援科室|Host department)"));

    public ILocator ChangeForm => page.GetByTestId("dispatch-change-form");

    public ILocator ChangeError => ChangeForm.GetByTestId("form-error");

    /// The one listed dispatch whose period reads exactly so, e.g. "2017-09-01 – 2018-05-28".
    public ILocator RowOf(string period) => Rows.Filter(new() { HasText = period });

    /// The database id the row carries (the overlap message names dispatches by it).
    public static async Task<string> IdOfAsync(ILocator row) =>
        (await row.GetByTestId("dispatch-row").GetAttributeAsync("id"))!.Replace("dispatch-", "", StringComparison.Ordinal);

    public async Task OpenEditAsync(ILocator row)
    {
        await row.GetByTestId("dispatch-edit").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    /// Extends or ends early through the inline change form; the form stays open when the service refuses.
    public async Task ChangeEndAsync(ILocator row, string testId, string newEnd)
    {
        if (!await ChangeForm.IsVisibleAsync())
            await row.GetByTestId(testId).ClickAsync();
        var date = ChangeForm.GetByLabel(new Regex("^(新的结束日期|New end date)"));
        await date.FillAsync(newEnd);
        await ChangeForm.GetByTestId("dispatch-change-save").ClickAsync();
    }

    /// Reloads the page; the filters live in the address, so the mode chosen before is still applied.
    public async Task ReloadAsync(string? mode = null)
    {
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(派驻记录|Dispatches)$"));
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("dispatch-count")).ToBeVisibleAsync();
        if (mode is not null)
        {
            await Assertions.Expect(ModeFilter).ToContainTextAsync(mode);
            await Assertions.Expect(Rows.Filter(new() { HasNotText = mode })).ToHaveCountAsync(0);
        }
    }

    public ILocator ModeFilter => page.GetByTestId("dispatch-filters").GetByLabel(new Regex("^(派驻方式|Mode)"));

    public ILocator StatusFilter => page.GetByTestId("dispatch-filters").GetByLabel(new Regex("^(状态|Status)"));

    public ILocator YearFilter => page.GetByTestId("dispatch-filters").GetByLabel(new Regex("^(年度|Year)"));

    /// Opens the 历史 panel of a listed dispatch.
    public async Task<ILocator> OpenHistoryAsync(ILocator row)
    {
        await row.GetByTestId("dispatch-history").ClickAsync();
        var panel = page.GetByTestId("dispatch-history-panel");
        await Assertions.Expect(panel.GetByTestId("dispatch-history-entry").First).ToBeVisibleAsync();
        return panel;
    }
}
