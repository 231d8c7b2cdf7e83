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
}
