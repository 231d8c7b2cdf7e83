using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

/// The expert's phone page: a plain form, no live connection needed.
public sealed class QuickEntryPage(IPage page)
{
    public Task OpenAsync() => page.GotoAsync("/log");

    public ILocator Line(string kind) => page.GetByTestId($"line-{kind}");

    public Task QuantityAsync(string kind, string value) => Line(kind).GetByLabel(new System.Text.RegularExpressions.Regex("数量$")).FillAsync(value);

    public Task AttendeesAsync(string kind, string value) => Line(kind).GetByLabel(new System.Text.RegularExpressions.Regex("参加/服务人次$")).FillAsync(value);

    public Task SubjectAsync(string kind, string value) => Line(kind).GetByLabel(new System.Text.RegularExpressions.Regex("(术式/名称|主题)$")).FillAsync(value);

    public Task SaveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

    public ILocator Status => page.GetByRole(AriaRole.Status);

    public ILocator Recent => page.GetByTestId("recent-entries");
}
