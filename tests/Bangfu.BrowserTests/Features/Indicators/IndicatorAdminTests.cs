using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Indicators;

public sealed class IndicatorAdminTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_administrator_adds_an_indicator_and_a_rule_then_edits_and_deletes_the_rule()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "指标管理" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/indicators$"));
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("def-table")).ToContainTextAsync("县域内就诊率");

        // A new indicator: a plain data element, reported monthly.
        await page.GetByTestId("def-add").ClickAsync();
        var def = page.GetByTestId("def-form");
        await def.GetByLabel(new Regex("^编码")).FillAsync("NIGHT_CLINIC_VISITS");
        await def.GetByLabel(new Regex("^中文名称")).FillAsync("夜间门诊人次");
        await def.GetByLabel(new Regex("^英文名称")).FillAsync("Night clinic visits");
        await def.GetByLabel(new Regex("^单位")).FillAsync("人次");
        await BrowserApp.ScreenshotAsync(page, "indicator-admin-definition-form");
        await def.GetByTestId("def-save").ClickAsync();
        await Assertions.Expect(def).ToBeHiddenAsync();
        var row = page.GetByTestId("def-row").Filter(new() { HasText = "NIGHT_CLINIC_VISITS" });
        await Assertions.Expect(row).ToContainTextAsync("夜间门诊人次");
        await Assertions.Expect(row).ToContainTextAsync("填报");

        // A rule over it; a wrong code first gets a field error.
        await page.GetByTestId("rule-add").ClickAsync();
        var rule = page.GetByTestId("rule-form");
        await rule.GetByLabel(new Regex("^中文名称")).FillAsync("夜间门诊人次不应超过门急诊人次");
        await rule.GetByLabel(new Regex("^英文名称")).FillAsync("Night visits within all visits");
        await rule.GetByLabel(new Regex("^左侧指标编码")).FillAsync("NIGHT_CLINIC_VISIT");
        await rule.GetByLabel(new Regex("^右侧指标编码")).FillAsync("OUTPATIENT_VISITS");
        await rule.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(rule).ToContainTextAsync("NIGHT_CLINIC_VISIT");
        await Assertions.Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await rule.GetByLabel(new Regex("^左侧指标编码")).FillAsync("NIGHT_CLINIC_VISITS");
        await rule.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(rule).ToBeHiddenAsync();
        var ruleRow = page.GetByTestId("rule-row").Filter(new() { HasText = "夜间门诊人次不应超过门急诊人次" });
        await Assertions.Expect(ruleRow).ToContainTextAsync("NIGHT_CLINIC_VISITS <= OUTPATIENT_VISITS");
        await BrowserApp.ScreenshotAsync(page, "indicator-admin");

        // Edit: a tolerance of 100.
        await ruleRow.GetByTestId("rule-edit").ClickAsync();
        await rule.GetByLabel(new Regex("^容差")).FillAsync("100");
        await BrowserApp.ScreenshotAsync(page, "indicator-admin-rule-form");
        await rule.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(rule).ToBeHiddenAsync();
        await Assertions.Expect(ruleRow).ToContainTextAsync("100");

        // Built-in rules cannot be deleted; this one can.
        await Assertions.Expect(page.GetByTestId("rule-row").Filter(new() { HasText = "内置" }).First.GetByTestId("rule-delete")).ToHaveCountAsync(0);
        await ruleRow.GetByTestId("rule-delete").ClickAsync();
        await new ConfirmDialog(page).ConfirmAsync();
        await Assertions.Expect(ruleRow).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("rule-table")).Not.ToContainTextAsync("夜间门诊人次不应超过门急诊人次");
        await Assertions.Expect(page.GetByTestId("def-table")).ToContainTextAsync("NIGHT_CLINIC_VISITS");
    }

    [Fact]
    public async Task Coordinators_do_not_see_the_indicator_administration()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "帮扶关系" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "指标管理" })).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/indicators");
        await Assertions.Expect(page.GetByTestId("def-table")).ToHaveCountAsync(0);
    }
}
