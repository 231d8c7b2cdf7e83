using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Courses;

public sealed class CourseScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Alliance = "山西省儿童妇幼医疗保健专科联盟";

    [Fact]
    public async Task Seeded_cohorts_are_listed_and_a_new_cohort_is_added()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new CourseListPage(page);
        await list.GotoAsync(Alliance);

        await Assertions.Expect(list.Rows.Filter(new() { HasText = "新生儿窒息复苏培训班" })).ToHaveCountAsync(3);
        await Assertions.Expect(list.Row("新生儿窒息复苏培训班", 3)).ToContainTextAsync("2018-07-09");

        await list.OpenNewFormAsync();
        await list.FillAsync("新生儿窒息复苏培训班", 3, "2018-08-06", "2018-08-10", 40);
        await list.SaveAsync();
        await Assertions.Expect(list.Error).ToContainTextAsync("第3期已存在");

        await list.Cohort.FillAsync("4");
        await list.Passed.FillAsync("41");
        await list.SaveAsync();
        await Assertions.Expect(list.Form.GetByText("合格人数不能超过参加人数。")).ToBeVisibleAsync();

        await list.Passed.FillAsync("38");
        await list.SaveAsync();
        await Assertions.Expect(list.Form).ToBeHiddenAsync();

        await list.ReloadAsync();
        var added = list.Row("新生儿窒息复苏培训班", 4);
        await Assertions.Expect(added).ToHaveCountAsync(1);
        await Assertions.Expect(added).ToContainTextAsync("2018-08-06");
        await Assertions.Expect(added.GetByTestId("course-attendees")).ToHaveTextAsync("40");
        await Assertions.Expect(added.GetByTestId("course-passed")).ToHaveTextAsync("38");
        await BrowserApp.ScreenshotAsync(page, "courses-desktop");
    }

    [Fact]
    public async Task A_course_is_edited_and_the_change_survives_a_reload()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new CourseListPage(page);
        await list.GotoAsync(Alliance);

        var row = list.Row("院长职业化培训班", 1);
        await Assertions.Expect(row.GetByTestId("course-passed")).ToHaveTextAsync("未考核");
        await list.OpenEditFormAsync(row);
        await Assertions.Expect(list.Name).ToHaveValueAsync("院长职业化培训班");
        await list.Attendees.FillAsync("56");
        await list.Passed.FillAsync("52");
        await list.SaveAsync();
        await Assertions.Expect(list.Form).ToBeHiddenAsync();

        await list.ReloadAsync();
        row = list.Row("院长职业化培训班", 1);
        await Assertions.Expect(row.GetByTestId("course-attendees")).ToHaveTextAsync("56");
        await Assertions.Expect(row.GetByTestId("course-passed")).ToHaveTextAsync("52");
    }

    [Fact]
    public async Task A_course_saved_from_a_stale_form_shows_the_conflict_and_reloads()
    {
        var first = await app.NewPageAsync();
        await new LoginPage(first).SignInAsync("admin", BrowserApp.AdminPassword);
        var mine = new CourseListPage(first);
        await mine.GotoAsync(Alliance);
        await mine.OpenEditFormAsync(mine.Row("妇产科精英班", 1));

        var second = await app.NewPageAsync();
        await new LoginPage(second).SignInAsync("admin", BrowserApp.AdminPassword);
        var theirs = new CourseListPage(second);
        await theirs.GotoAsync(Alliance);
        await theirs.OpenEditFormAsync(theirs.Row("妇产科精英班", 1));
        await theirs.Attendees.FillAsync("30");
        await theirs.SaveAsync();
        await Assertions.Expect(theirs.Form).ToBeHiddenAsync();

        await mine.Attendees.FillAsync("99");
        await mine.SaveAsync();
        await Assertions.Expect(mine.Error).ToContainTextAsync("已被他人修改");
        await mine.Error.GetByTestId("reload").ClickAsync();
        await Assertions.Expect(mine.Form).ToBeHiddenAsync();
        await Assertions.Expect(mine.Row("妇产科精英班", 1).GetByTestId("course-attendees")).ToHaveTextAsync("30");
    }

    [Fact]
    public async Task A_course_is_deleted_after_confirming()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new CourseListPage(page);
        await list.GotoAsync(Alliance);
        await list.AddAsync("测试待删培训班", 1, "2019-03-04", "2019-03-08", 20);

        await CourseListPage.DeleteAsync(list.Row("测试待删培训班", 1));
        await new ConfirmDialog(page).ConfirmAsync();
        await Assertions.Expect(list.Row("测试待删培训班", 1)).ToHaveCountAsync(0);

        await list.ReloadAsync();
        await Assertions.Expect(list.Row("测试待删培训班", 1)).ToHaveCountAsync(0);
        await Assertions.Expect(list.Row("儿科精英班", 1)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Course_list_and_form_fit_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new CourseListPage(page);
        await list.GotoAsync(Alliance);
        await Assertions.Expect(list.Rows.First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "courses-phone");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the list is wider than the phone");

        await list.OpenEditFormAsync(list.Row("儿科精英班", 1));
        await BrowserApp.ScreenshotAsync(page, "courses-form-phone");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the form is wider than the phone");
    }
}
