using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Compliance;

/// A coordinator changes the trusteeship's rule set (seed 004) and sees the year judged again. The tests share one
/// database and may run in any order, so each checks what it changed against what it found.
public sealed class ComplianceRuleEditTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    private const string Staff = "全年派驻人数";
    private const string Continuous = "连续派驻天数";
    private const string Coverage = "全年不间断驻点";

    private async Task<(IPage Page, CompliancePage Compliance)> OpenAsync()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var compliance = new CompliancePage(page);
        await compliance.GotoAsync(Trusteeship);
        return (page, compliance);
    }

    [Fact]
    public async Task Changed_rules_are_saved_change_the_result_for_the_year_and_survive_a_reload()
    {
        var (page, compliance) = await OpenAsync();
        await compliance.ChooseYearAsync(2020);
        await Assertions.Expect(compliance.Holds(Staff)).ToHaveTextAsync("未满足");
        await Assertions.Expect(compliance.Holds(Continuous)).ToHaveTextAsync("满足");
        await Assertions.Expect(compliance.Holds(Coverage)).ToHaveTextAsync("未满足");

        await compliance.MinStaff.FillAsync("2");
        await compliance.MinContinuousDays.FillAsync("300");
        await CompliancePage.SetAsync(compliance.YearRound, false);
        await CompliancePage.SetAsync(compliance.MentorStrict, true);
        var before = await compliance.RulesSource.InnerTextAsync();
        await compliance.SaveRulesAsync();

        await Assertions.Expect(compliance.RulesSource).ToContainTextAsync("已自定义");
        await Assertions.Expect(compliance.RulesSource).Not.ToHaveTextAsync(before);
        var saved = await compliance.RulesSource.InnerTextAsync();
        await Assertions.Expect(compliance.Holds(Staff)).ToHaveTextAsync("满足");
        await Assertions.Expect(compliance.Rows.Filter(new() { HasText = Staff })).ToContainTextAsync("2 / 2");
        await Assertions.Expect(compliance.Holds(Continuous)).ToHaveTextAsync("未满足");
        await Assertions.Expect(compliance.Rows.Filter(new() { HasText = Continuous })).ToContainTextAsync("不足 300 天");
        await Assertions.Expect(compliance.Rows.Filter(new() { HasText = Coverage })).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "compliance-custom-rules-desktop-zh");

        await compliance.ReloadAsync();
        await Assertions.Expect(compliance.RulesSource).ToHaveTextAsync(saved);
        await Assertions.Expect(compliance.MinStaff).ToHaveValueAsync("2");
        await Assertions.Expect(compliance.MinContinuousDays).ToHaveValueAsync("300");
        await CompliancePage.ExpectCheckedAsync(compliance.YearRound, false);
        await CompliancePage.ExpectCheckedAsync(compliance.MentorStrict, true);
        // The year is in the address, so the reload shows 2020 again without choosing it.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]year=2020"));
        await Assertions.Expect(page.GetByTestId("comp-summary")).ToContainTextAsync("2020");
        await Assertions.Expect(compliance.Holds(Staff)).ToHaveTextAsync("满足");
        await Assertions.Expect(compliance.Holds(Continuous)).ToHaveTextAsync("未满足");
        await Assertions.Expect(compliance.Rows.Filter(new() { HasText = Coverage })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_save_from_a_stale_tab_shows_the_conflict_and_reload_brings_the_other_save()
    {
        var (first, tabA) = await OpenAsync();
        var (second, tabB) = await OpenAsync();

        await tabA.MinStaff.FillAsync("4");
        await tabA.SaveRulesAsync();
        await Assertions.Expect(tabA.RulesSource).ToContainTextAsync("已自定义");

        // The second tab still shows the defaults it opened with.
        await tabB.MinStaff.FillAsync("6");
        await tabB.SaveRulesAsync();
        await Assertions.Expect(tabB.RulesError).ToContainTextAsync("此记录已被他人修改");
        await BrowserApp.ScreenshotAsync(second, "compliance-stale-desktop-zh");
        await tabB.RulesError.GetByTestId("reload").ClickAsync();
        await Assertions.Expect(tabB.RulesError).ToHaveCountAsync(0);
        await Assertions.Expect(tabB.MinStaff).ToHaveValueAsync("4");

        // Now the first tab is the stale one.
        await tabB.MinStaff.FillAsync("6");
        await tabB.SaveRulesAsync();
        await Assertions.Expect(tabB.RulesSource).ToContainTextAsync("已自定义");
        await Assertions.Expect(tabB.RulesSource).Not.ToHaveTextAsync(await tabA.RulesSource.InnerTextAsync());
        await tabA.MinStaff.FillAsync("9");
        await tabA.SaveRulesAsync();
        await Assertions.Expect(tabA.RulesError).ToContainTextAsync("此记录已被他人修改");

        await tabA.ReloadAsync();
        await Assertions.Expect(tabA.MinStaff).ToHaveValueAsync("6");
        await first.Context.CloseAsync();
    }

    [Fact]
    public async Task Negative_numbers_show_field_errors_and_nothing_is_saved()
    {
        var (page, compliance) = await OpenAsync();
        var source = await compliance.RulesSource.InnerTextAsync();
        var staff = await compliance.MinStaff.InputValueAsync();
        await compliance.MinStaff.FillAsync("-3");
        await compliance.MinContinuousDays.FillAsync("-1");
        await compliance.SaveRulesAsync();

        await Assertions.Expect(compliance.RulesError).ToContainTextAsync("请修改标出的内容");
        await BrowserApp.ScreenshotAsync(page, "compliance-negative-desktop-zh");
        await Assertions.Expect(compliance.Field("每年最少派驻人数")).ToContainTextAsync("须在 1 到 1000 之间。");
        await Assertions.Expect(compliance.Field("最少连续派驻天数")).ToContainTextAsync("须在 1 到 1098 之间。");
        await Assertions.Expect(compliance.MinStaff).ToHaveValueAsync("-3");

        await compliance.ReloadAsync();
        await Assertions.Expect(compliance.RulesSource).ToHaveTextAsync(source);
        await Assertions.Expect(compliance.MinStaff).ToHaveValueAsync(staff);
    }
}
