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
}
