using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// The request form, and the detail page where each side takes the actions of the current state.
public sealed class ConsultationPages(IPage page)
{
    public async Task GotoNewAsync()
    {
        await page.GotoAsync("/consultations/new");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public async Task GotoAsync(string url)
    {
        await page.GotoAsync(url);
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Field(string label) => page.GetByLabel(new Regex($"^{Regex.Escape(label)}"));

    public async Task PickInvitedAsync(string search, string organizationName)
    {
        var input = Field("受邀机构");
        await input.ClickAsync();
        await input.FillAsync(search);
        await page.GetByRole(AriaRole.Option, new() { Name = organizationName, Exact = true }).ClickAsync();
    }

    public Task ChooseAsync(string label, string option) => MudSelect.ChooseAsync(page, Field(label), option);

    public async Task<string> SaveAsync()
    {
        await page.GetByTestId("consult-save").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/consultations/\d+$"));
        await LoginPage.WaitForInteractiveAsync(page);
        return page.Url;
    }

    public ILocator State => page.GetByTestId("consult-state").First;

    /// Clicks an action of the current state, lets <paramref name="fill"/> fill its inputs, and confirms it.
    public async Task ActAsync(string action, string stateAfter, Func<Task>? fill = null)
    {
        await page.GetByTestId($"consult-action-{action}").ClickAsync();
        if (fill is not null)
            await fill();
        await page.GetByTestId("consult-confirm").ClickAsync();
        await Assertions.Expect(State).ToHaveTextAsync(stateAfter);
    }

    public async Task UploadAsync(string fileName, byte[] content)
    {
        await page.GetByTestId("consult-upload").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content });
        await Assertions.Expect(page.GetByTestId("consult-attachment").Filter(new() { HasText = fileName })).ToHaveCountAsync(1);
    }
}
