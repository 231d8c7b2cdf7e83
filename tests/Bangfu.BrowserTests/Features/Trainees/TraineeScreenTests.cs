using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Trainees;

public sealed class TraineeScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";

    [Fact]
    public async Task Trainee_without_a_mentor_is_saved_with_the_mentor_rule_warning()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Trusteeship);
        await page.GetByTestId("ptn-trainees").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(进修人员|Trainees)$"));
        await LoginPage.WaitForInteractiveAsync(page);

        var rows = page.GetByTestId("trainee-table").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("trainee-row") });
        await Assertions.Expect(rows.First).ToBeVisibleAsync();

        await page.GetByTestId("trainee-add").ClickAsync();
        var form = page.GetByTestId("trainee-form");
        await form.GetByLabel(new Regex("^(进修人员|Trainee)")).ClickAsync();
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        await form.GetByLabel(new Regex("^(开始日期|Start date)")).FillAsync("2030-03-01");
        await form.GetByLabel(new Regex("^(结束日期|End date)")).FillAsync("2030-08-31");
        await form.GetByTestId("trainee-save").ClickAsync();

        await Assertions.Expect(form).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("trainee-warnings")).ToContainTextAsync("导师职称须为");
        await Assertions.Expect(rows.Filter(new() { HasText = "2030-03-01" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_trainee_gets_support_outcome_and_teaching_after_return_and_keeps_them_after_a_reload()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new TraineeListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.AddAsync("2031-03-01", "2031-08-31");

        var row = list.Row("2031-03-01");
        await Assertions.Expect(row.GetByTestId("trainee-outcome")).ToHaveTextAsync("在修");
        await list.OpenEditFormAsync(row);
        await Assertions.Expect(list.StartDate).ToHaveValueAsync("2031-03-01");
        await list.Housing.CheckAsync();
        await list.Subsidy.FillAsync("1500");
        await list.ChooseAsync(list.Outcome, new Regex("^考核合格$"));
        await list.AssessmentNote.FillAsync("理论与操作考核均为优秀");
        await list.TeachesAfterReturn.FillAsync("回院后开展超声引导下神经阻滞");
        await list.SaveAsync();
        await Assertions.Expect(list.Form).ToBeHiddenAsync();
        await Assertions.Expect(list.Warnings).ToContainTextAsync("导师职称须为");

        await list.ReloadAsync();
        row = list.Row("2031-03-01");
        await Assertions.Expect(row.GetByTestId("trainee-outcome")).ToHaveTextAsync("考核合格");
        await Assertions.Expect(row).ToContainTextAsync("理论与操作考核均为优秀");
        await Assertions.Expect(row).ToContainTextAsync("提供住宿");
        await Assertions.Expect(row).ToContainTextAsync("补助 1500 元/月");
        await Assertions.Expect(row).ToContainTextAsync("回院后开展超声引导下神经阻滞");
        await BrowserApp.ScreenshotAsync(page, "trainees-edited-desktop");

        await list.OpenEditFormAsync(row);
        await Assertions.Expect(list.Housing).ToBeCheckedAsync();
        await Assertions.Expect(list.Subsidy).ToHaveValueAsync("1500");
        await Assertions.Expect(list.AssessmentNote).ToHaveValueAsync("理论与操作考核均为优秀");
    }

    [Fact]
    public async Task A_trainee_is_deleted_after_confirming()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new TraineeListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.AddAsync("2032-04-01", "2032-09-30");

        await TraineeListPage.DeleteAsync(list.Row("2032-04-01"));
        await new ConfirmDialog(page).ConfirmAsync();
        await Assertions.Expect(list.Row("2032-04-01")).ToHaveCountAsync(0);

        await list.ReloadAsync();
        await Assertions.Expect(list.Row("2032-04-01")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Trainee_list_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new TraineeListPage(page);
        await list.GotoAsync(Trusteeship);
        await Assertions.Expect(list.Rows.First).ToBeVisibleAsync();
        // Fifty-odd cards make a very long page: the first screenful is what is looked at.
        Directory.CreateDirectory(BrowserApp.ScreenshotDir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDir, "trainees-phone.png") });
        await list.OpenEditFormAsync(list.Rows.First);
        await list.Form.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotDir, "trainees-form-phone.png") });
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the form is wider than the phone");
        await list.Form.GetByTestId("trainee-form-cancel").ClickAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the page is wider than the phone");
    }
}
