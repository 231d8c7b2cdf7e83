using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class TraineeListPage(IPage page)
{
    /// Opens the trainees from the partnership's detail page, the way a coordinator does.
    public async Task GotoAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-trainees").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(进修人员|Trainees)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Rows => page.GetByTestId("trainee-table").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("trainee-row") });

    public ILocator Row(string text) => Rows.Filter(new() { HasText = text });

    public ILocator Form => page.GetByTestId("trainee-form");

    public ILocator Warnings => page.GetByTestId("trainee-warnings");

    public ILocator Person => Form.GetByLabel(new Regex("^(进修人员|Trainee)"));

    public ILocator StartDate => Form.GetByLabel(new Regex("^(开始日期|Start date)"));

    public ILocator EndDate => Form.GetByLabel(new Regex("^(结束日期|End date)"));

    public ILocator Housing => Form.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^(提供住宿|Housing provided)") });

    public ILocator Subsidy => Form.GetByLabel(new Regex("^(每月补助|Monthly subsidy)"));

    public ILocator Outcome => Form.GetByLabel(new Regex("^(结业情况|Outcome)"));

    public ILocator AssessmentNote => Form.GetByLabel(new Regex("^(考核说明|Assessment note)"));

    public ILocator TeachesAfterReturn => Form.GetByLabel(new Regex("^(回院后开展|Teaches after return)"));

    public async Task OpenNewFormAsync()
    {
        await page.GetByTestId("trainee-add").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    /// Adds a trainee: the first person offered, the given period, the defaults for the rest.
    public async Task AddAsync(string start, string end)
    {
        await OpenNewFormAsync();
        await ChooseAsync(Person, new Regex("."));
        await StartDate.FillAsync(start);
        await EndDate.FillAsync(end);
        await SaveAsync();
        await Assertions.Expect(Form).ToBeHiddenAsync();
        await Assertions.Expect(Row(start)).ToHaveCountAsync(1);
    }

    public async Task OpenEditFormAsync(ILocator row)
    {
        await row.GetByTestId("trainee-edit").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
    }

    /// MudBlazor selects open a list of options when their field is clicked.
    public Task ChooseAsync(ILocator field, Regex option) => MudSelect.ChooseAsync(page, field, option);

    public static Task DeleteAsync(ILocator row) => row.GetByTestId("trainee-delete").ClickAsync();

    public Task SaveAsync() => Form.GetByTestId("trainee-save").ClickAsync();

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(Rows.First).ToBeVisibleAsync();
    }
}
