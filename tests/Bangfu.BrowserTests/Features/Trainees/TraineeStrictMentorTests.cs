using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Trainees;

/// A class of its own: making the mentor rule strict would change what the other trainee tests see.
public sealed class TraineeStrictMentorTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";

    [Fact]
    public async Task A_strict_mentor_rule_refuses_the_save_under_the_mentor_field()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new CompliancePage(page).GotoAsync(Trusteeship);
        var rules = page.GetByTestId("comp-rules-form");
        await rules.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^带教职称不足时拒绝") }).CheckAsync();
        await rules.GetByTestId("comp-rules-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("comp-rules-source")).ToContainTextAsync("已自定义");

        var list = new TraineeListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.OpenNewFormAsync();
        await list.ChooseAsync(list.Person, new Regex("."));
        await list.StartDate.FillAsync("2033-03-01");
        await list.EndDate.FillAsync("2033-08-31");
        await list.SaveAsync();

        await Assertions.Expect(list.Form.GetByTestId("form-error")).ToBeVisibleAsync();
        var mentorField = list.Form.Locator(".mud-input-control").Filter(new() { Has = page.GetByLabel(new Regex("^(带教老师|Mentor)")) });
        await Assertions.Expect(mentorField).ToContainTextAsync(new Regex("导师职称须为.+及以上"));
        await Assertions.Expect(list.Warnings).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "trainees-strict-mentor-desktop");

        await list.Form.GetByTestId("trainee-form-cancel").ClickAsync();
        await list.ReloadAsync();
        await Assertions.Expect(list.Row("2033-03-01")).ToHaveCountAsync(0);
    }
}
