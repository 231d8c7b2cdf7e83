using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class CourseListPage(IPage page)
{
    /// Opens the training courses from the partnership's detail page, the way a coordinator does.
    public async Task GotoAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-courses").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(培训班|Training courses)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Rows => page.GetByTestId("course-table").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("course-row") });

    public ILocator Row(string name, int cohort) =>
        Rows.Filter(new() { HasText = name }).Filter(new() { Has = page.GetByTestId("course-cohort").GetByText($"第{cohort}期", new() { Exact = true }) });

    public ILocator Form => page.GetByTestId("course-form");

    public ILocator Error => Form.GetByTestId("form-error");

    public ILocator Name => Form.GetByLabel(new Regex("^(培训班名称|Course)"));

    public ILocator Cohort => Form.GetByLabel(new Regex("^(期次|Cohort)"));

    public ILocator StartDate => Form.GetByLabel(new Regex("^(开始日期|Start date)"));

    public ILocator EndDate => Form.GetByLabel(new Regex("^(结束日期|End date)"));

    public ILocator Attendees => Form.GetByLabel(new Regex("^(参加人数|Attendees)"));

    public ILocator Passed => Form.GetByLabel(new Regex("^(考核合格人数|Passed)"));

    public async Task OpenNewFormAsync()
    {
        await page.GetByTestId("course-add").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    public async Task FillAsync(string name, int cohort, string start, string end, int attendees)
    {
        await Name.FillAsync(name);
        await Cohort.FillAsync(cohort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await StartDate.FillAsync(start);
        await EndDate.FillAsync(end);
        await Attendees.FillAsync(attendees.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task AddAsync(string name, int cohort, string start, string end, int attendees)
    {
        await OpenNewFormAsync();
        await FillAsync(name, cohort, start, end, attendees);
        await SaveAsync();
        await Assertions.Expect(Form).ToBeHiddenAsync();
        await Assertions.Expect(Row(name, cohort)).ToHaveCountAsync(1);
    }

    public async Task OpenEditFormAsync(ILocator row)
    {
        await row.GetByTestId("course-edit").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    public static Task DeleteAsync(ILocator row) => row.GetByTestId("course-delete").ClickAsync();

    public Task SaveAsync() => Form.GetByTestId("course-save").ClickAsync();

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(Rows.First).ToBeVisibleAsync();
    }
}
