using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Meetings;

public sealed class MeetingScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string EastWest = "东西部对口帮扶：吴忠市妇幼保健院";

    [Fact]
    public async Task Overdue_action_item_of_the_2022_video_conference_is_marked()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new MeetingListPage(page);
        await list.GotoAsync(EastWest);

        var meeting = list.Meeting("2022-07-22");
        await Assertions.Expect(meeting).ToHaveCountAsync(1);
        await Assertions.Expect(meeting).ToContainTextAsync("视频会");
        var item = meeting.GetByTestId("action-row").Filter(new() { HasText = "两年内通过二级甲等妇幼保健院评审" });
        await Assertions.Expect(item.GetByTestId("action-overdue")).ToHaveTextAsync("逾期");
        var done = meeting.GetByTestId("action-row").Filter(new() { HasText = "新上项目派专业人员来院进修" });
        await Assertions.Expect(done.GetByTestId("action-overdue")).ToHaveCountAsync(0);
        await Assertions.Expect(done.GetByTestId("action-status")).ToHaveTextAsync("已办结");
    }

    [Fact]
    public async Task A_new_meeting_gets_an_action_item_that_is_then_marked_done()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new MeetingListPage(page);
        await list.GotoAsync(EastWest);

        await list.AddMeetingAsync("测试工作例会");
        var meeting = list.Meeting("测试工作例会");
        await Assertions.Expect(meeting).ToHaveCountAsync(1);

        await list.AddItemAsync(meeting, "测试议定事项", "医务处");
        var item = meeting.GetByTestId("action-row").Filter(new() { HasText = "测试议定事项" });
        await Assertions.Expect(item).ToHaveCountAsync(1);

        await item.GetByTestId("action-done").ClickAsync();
        await Assertions.Expect(item.GetByTestId("action-done")).ToHaveCountAsync(0);
        await Assertions.Expect(item.GetByTestId("action-status")).ToHaveTextAsync("已办结");
    }

    [Fact]
    public async Task Meeting_list_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new MeetingListPage(page);
        await list.GotoAsync(EastWest);
        await Assertions.Expect(list.Meetings.First).ToBeVisibleAsync();
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows);
    }
}
