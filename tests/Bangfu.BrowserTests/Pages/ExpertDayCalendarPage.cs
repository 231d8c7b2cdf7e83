using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// A partnership's recurring expert days and the dates of one of them, with who is assigned.
public sealed class ExpertDayCalendarPage(IPage page)
{
    public async Task OpenFromDetailAsync()
    {
        await page.GetByTestId("ptn-expert-days").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("专家工作日");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Row(string title) => page.GetByTestId("eday-row").Filter(new() { HasText = title });

    public async Task ShowYearAsync(string title, int year)
    {
        await Row(title).GetByTestId("eday-select").ClickAsync();
        var text = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByTestId("eday-year").FillAsync(text);
        await page.GetByTestId("eday-year").DispatchEventAsync("change");
        await Assertions.Expect(page.GetByTestId("eday-occurrences")).ToHaveAttributeAsync("data-year", text);
    }

    public ILocator Occurrences => page.GetByTestId("eday-occurrence");

    public ILocator Occurrence(string date) => page.Locator($"[data-testid=eday-occurrence][data-date='{date}']");

    public ILocator Form => page.GetByTestId("eday-form");

    public ILocator Rule => Form.GetByLabel(new System.Text.RegularExpressions.Regex("^(重复规则|Recurrence rule)"));

    /// Fills the new-day form the way a coordinator does: the rule is picked from two lists, not typed.
    public async Task CreateMonthlyAsync(string title, string week, string weekday, string start, string end, int min, int max)
    {
        await page.GetByTestId("eday-add").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
        await Form.GetByLabel(new System.Text.RegularExpressions.Regex("^(名称|Title)")).FillAsync(title);
        await page.GetByTestId("eday-repeat").SelectOptionAsync(new SelectOptionValue { Label = week });
        await page.GetByTestId("eday-weekday").SelectOptionAsync(new SelectOptionValue { Label = weekday });
        await Form.GetByLabel(new System.Text.RegularExpressions.Regex("^(开始日期|Start)")).FillAsync(start);
        await Form.GetByLabel(new System.Text.RegularExpressions.Regex("^(结束日期|End)")).FillAsync(end);
        await Form.GetByLabel(new System.Text.RegularExpressions.Regex("^(最少专家|Min)")).FillAsync(min.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Form.GetByLabel(new System.Text.RegularExpressions.Regex("^(最多专家|Max)")).FillAsync(max.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task SaveAsync()
    {
        await Form.GetByTestId("eday-save").ClickAsync();
        await Assertions.Expect(Form).ToBeHiddenAsync();
    }

    /// Assigns the first expert the occurrence's list offers and waits until the occurrence shows one more.
    public static async Task AssignFirstOfferedAsync(ILocator occurrence)
    {
        var before = await occurrence.GetByTestId("eday-expert").CountAsync();
        await occurrence.GetByTestId("eday-person").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await occurrence.GetByTestId("eday-assign").ClickAsync();
        await Assertions.Expect(occurrence.GetByTestId("eday-expert")).ToHaveCountAsync(before + 1);
    }

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("专家工作日");
        await LoginPage.WaitForInteractiveAsync(page);
    }
}
