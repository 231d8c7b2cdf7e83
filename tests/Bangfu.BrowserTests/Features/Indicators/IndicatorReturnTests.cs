using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Indicators;

public sealed class IndicatorReturnTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Yanyuan = "盐源县人民医院";

    [Fact]
    public async Task Approved_2018_is_locked_and_a_new_return_shows_formula_values_and_a_warning()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var form = new IndicatorReturnPage(page);
        await form.GotoAsync(Yanyuan);

        await form.ShowPeriodAsync("2018");
        await Assertions.Expect(form.ApprovalState).ToHaveTextAsync("已审核");
        await Assertions.Expect(form.Locked).ToBeVisibleAsync();
        await Assertions.Expect(form.Value("REVENUE")).ToHaveValueAsync("13452");
        await Assertions.Expect(form.Derived("COUNTY_RETENTION_RATE")).ToContainTextAsync("91.32");
        await Assertions.Expect(form.Save).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "indicators-2018-approved");

        await form.ShowPeriodAsync("2019");
        await form.Value("ADMISSIONS").FillAsync("21000");
        await form.Value("DISCHARGES").FillAsync("20000");
        await form.Value("SURGERIES").FillAsync("4800");
        await form.Value("SURGERIES_G34").FillAsync("1200");
        await form.Save.ClickAsync();
        await Assertions.Expect(form.Warnings).ToHaveCountAsync(1);
        await Assertions.Expect(form.Warnings.First).ToContainTextAsync("住院人次不应超过出院人次");
        await Assertions.Expect(form.Derived("SURGERIES_G34_SHARE")).ToContainTextAsync("25");
        await Assertions.Expect(form.ApprovalState).ToHaveTextAsync("未上报");
        await BrowserApp.ScreenshotAsync(page, "indicators-2019-warning");

        await form.ActAsync("submit");
        await Assertions.Expect(form.ApprovalState).ToHaveTextAsync("已上报待审核");
        await form.ActAsync("approve");
        await Assertions.Expect(form.ApprovalState).ToHaveTextAsync("已审核");
        await Assertions.Expect(form.Locked).ToBeVisibleAsync();
        await form.ActAsync("reopen");
        await Assertions.Expect(form.ApprovalState).ToHaveTextAsync("未上报");
    }
}
