using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// A partnership's tele-teaching series, one series with its sessions and attendance, and its certificates.
public sealed class TeleTeachingPage(IPage page)
{
    public async Task OpenFromDetailAsync()
    {
        await page.GetByTestId("ptn-teleteaching").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("远程教学");
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Form => page.GetByTestId("tele-form");

    /// A weekly series on a weekday, created through the form; the page then opens the new series.
    public async Task CreateWeeklyAsync(string title, string weekday, string from, string until)
    {
        await page.GetByTestId("tele-add").ClickAsync();
        await Assertions.Expect(Form).ToBeVisibleAsync();
        await Form.GetByLabel(new Regex("^系列名称")).FillAsync(title);
        await page.GetByTestId("tele-repeat").SelectOptionAsync(new SelectOptionValue { Label = "每周" });
        await page.GetByTestId("tele-weekday").SelectOptionAsync(new SelectOptionValue { Label = weekday });
        await Assertions.Expect(page.GetByTestId("tele-rule-words")).ToHaveTextAsync($"每周{weekday}");
        await Form.GetByLabel(new Regex("^开始日期")).FillAsync(from);
        await Form.GetByLabel(new Regex("^结束日期")).FillAsync(until);
    }

    public async Task SaveSeriesAsync(string title)
    {
        await Form.GetByTestId("tele-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("tele-series-title")).ToHaveTextAsync(title);
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Sessions => page.GetByTestId("tele-session-row");

    public ILocator Session(string date) => page.Locator($"[data-testid=tele-session-row][data-date='{date}']");

    public async Task HoldAsync(string date, string topic)
    {
        await Session(date).GetByTestId("tele-session-open").ClickAsync();
        var form = page.GetByTestId("tele-session");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await form.GetByLabel(new Regex("^主题")).FillAsync(topic);
        await page.GetByTestId("tele-status").SelectOptionAsync(new SelectOptionValue { Label = "已举行" });
        await page.GetByTestId("tele-session-save").ClickAsync();
        await Assertions.Expect(Session(date).GetByTestId("tele-session-status")).ToHaveTextAsync("已举行");
    }

    public async Task ImportAsync(string csv)
    {
        await page.GetByTestId("tele-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "腾讯会议参会明细.csv",
            MimeType = "text/csv",
            Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
        });
        await Assertions.Expect(page.GetByTestId("tele-import-result")).ToBeVisibleAsync();
    }

    public ILocator GridRow(string person) => page.Locator($"[data-testid=tele-grid-row][data-person='{person}']");

    public async Task OpenCertificatesAsync()
    {
        await page.GetByTestId("tele-certificates").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("结业证书");
    }

    public ILocator CertificateRow(string person) => page.Locator($"[data-testid=tele-cert-row][data-person='{person}']");
}
