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

    public ILocator Title => Form.GetByLabel(new Regex("^(会议名称|Title)"));

    public ILocator Kind => Form.GetByLabel(new Regex("^(会议类型|Kind)"));

    public ILocator ItemOwner => ItemForm.GetByLabel(new Regex("^(责任方|Owner)"));

    public ILocator ItemDueDate => ItemForm.GetByLabel(new Regex("^(完成期限|Due date)"));

    public ILocator ItemStatus => ItemForm.GetByLabel(new Regex("^(办理状态|Status)"));

    public static ILocator Item(ILocator meeting, string description) => meeting.GetByTestId("action-row").Filter(new() { HasText = description });

    public async Task OpenEditFormAsync(ILocator meeting)
    {
        await meeting.GetByTestId("meeting-edit").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    public async Task OpenItemEditFormAsync(ILocator item)
    {
        await item.GetByTestId("action-edit").ClickAsync();
        await Assertions.Expect(ItemForm).ToBeVisibleAsync();
    }

    /// MudBlazor selects open a list of options when their field is clicked.
    public Task ChooseAsync(ILocator field, Regex option) => MudSelect.ChooseAsync(page, field, option);

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(Meetings.First).ToBeVisibleAsync();
    }
}
