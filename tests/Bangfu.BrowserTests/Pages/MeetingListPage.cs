using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class MeetingListPage(IPage page)
{
    /// Opens the meetings from the partnership's detail page, the way a coordinator does.
    public async Task GotoAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-meetings").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(会议纪要|Meetings)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Meetings => page.GetByTestId("meeting-row");

    public ILocator Meeting(string title) => Meetings.Filter(new() { HasText = title });

    public ILocator Form => page.GetByTestId("meeting-form");

    public ILocator ItemForm => page.GetByTestId("action-form");

    public async Task AddMeetingAsync(string title)
    {
        await page.GetByTestId("meeting-add").ClickAsync();
        await Form.GetByLabel(new Regex("^(会议名称|Title)")).FillAsync(title);
        await Form.GetByTestId("meeting-save").ClickAsync();
        await Assertions.Expect(Form).ToBeHiddenAsync();
    }

    public async Task AddItemAsync(ILocator meeting, string description, string owner)
    {
        await meeting.GetByTestId("action-add").ClickAsync();
        await ItemForm.GetByLabel(new Regex("^(事项内容|Action item)")).FillAsync(description);
        await ItemForm.GetByLabel(new Regex("^(责任方|Owner)")).FillAsync(owner);
        await ItemForm.GetByTestId("action-save").ClickAsync();
        await Assertions.Expect(ItemForm).ToBeHiddenAsync();
    }
}
