using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// The up/down referral form, the referral detail and the transport centre page.
public sealed class ReferralPages(IPage page)
{
    public async Task OpenNewUpAsync()
    {
        await page.GotoAsync("/referrals/new?direction=Up");
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("referral-form")).ToBeVisibleAsync();
    }

    private ILocator Form => page.GetByTestId("referral-form");

    /// MudBlazor selects and autocompletes open a list of options when their field is clicked or typed into. The
    /// option is looked for in the open popover only: the transport page also lists its vehicles, and an option
    /// looked for page-wide could be that list's item, clicked before the popover had opened.
    public Task ChooseAsync(ILocator field, Regex option) => MudSelect.ChooseAsync(page, field, option);

    public async Task TypeAndChooseAsync(ILocator field, string text, Regex option)
    {
        await field.ClickAsync();
        await field.PressSequentiallyAsync(text, new() { Delay = 30 });
        await PopoverOption(option).ClickAsync();
    }

    private ILocator PopoverOption(Regex option) =>
        page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { NameRegex = option }).First;

    public ILocator Field(string label) => Form.GetByLabel(new Regex("^" + label));

    public async Task SaveDraftAsync()
    {
        await Form.GetByTestId("referral-save").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/referrals/\d+$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Status => page.GetByTestId("detail-status");

    public async Task UploadAsync(string fileName, byte[] content)
    {
        await page.GetByTestId("referral-upload").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content });
        await Assertions.Expect(Attachment(fileName)).ToHaveCountAsync(1);
    }

    public ILocator Attachment(string fileName) => page.GetByTestId("referral-attachment").Filter(new() { HasText = fileName });

    public Task ActAsync(string action) => page.GetByTestId($"action-{action}").ClickAsync();

    public ILocator Timeline => page.GetByTestId("timeline-item");

    public async Task RequestTransportAsync(Regex centre, string condition)
    {
        var panel = page.GetByTestId("transport-panel");
        await ChooseAsync(panel.GetByLabel(new Regex("^转运中心")), centre);
        await panel.GetByLabel(new Regex("^患者病情")).FillAsync(condition);
        await panel.GetByTestId("transport-request").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("transport-vehicle")).ToBeVisibleAsync();
    }

    public async Task OpenReferralAsync(int id)
    {
        await page.GotoAsync($"/referrals/{id}");
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(Status).ToBeVisibleAsync();
    }

    public async Task OpenTransportAsync()
    {
        await page.GotoAsync("/transport");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Request(int referralId) => page.GetByTestId("transport-request").Filter(new() { HasText = $"#{referralId} " });
}
