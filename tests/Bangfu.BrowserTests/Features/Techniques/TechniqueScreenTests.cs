using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Techniques;

public sealed class TechniqueScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";

    [Fact]
    public async Task Seeded_technique_is_listed_and_a_new_one_is_added()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new TechniqueListPage(page);
        await list.GotoAsync(Trusteeship);

        var cataract = list.Rows.Filter(new() { HasText = "白内障摘除术" });
        await Assertions.Expect(cataract).ToHaveCountAsync(1);
        await Assertions.Expect(cataract).ToContainTextAsync("三级");
        await Assertions.Expect(cataract).ToContainTextAsync("2018-06-21");

        await list.OpenNewFormAsync();
        await list.Name.FillAsync("测试新技术");
        await list.SaveAsync();
        await Assertions.Expect(list.Form).ToBeHiddenAsync();
        await Assertions.Expect(list.Rows.Filter(new() { HasText = "测试新技术" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Technique_list_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new TechniqueListPage(page);
        await list.GotoAsync(Trusteeship);
        await Assertions.Expect(list.Rows.First).ToBeVisibleAsync();
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows);
    }

    [Fact]
    public async Task A_technique_is_edited_and_the_change_survives_a_reload()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new TechniqueListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.AddAsync("测试待改新技术");

        await list.OpenEditFormAsync(list.Row("测试待改新技术"));
        await Assertions.Expect(list.Name).ToHaveValueAsync("测试待改新技术");
        await list.Name.FillAsync("测试已改新技术");
        await list.ChooseAsync(list.Grade, new Regex("^二级$"));
        await list.SaveAsync();
        await Assertions.Expect(list.Form).ToBeHiddenAsync();

        await list.ReloadAsync();
        await Assertions.Expect(list.Row("测试待改新技术")).ToHaveCountAsync(0);
        var edited = list.Row("测试已改新技术");
        await Assertions.Expect(edited).ToHaveCountAsync(1);
        await Assertions.Expect(edited).ToContainTextAsync("二级");
        await Assertions.Expect(edited.GetByTestId("technique-times")).ToHaveTextAsync("0");
        await BrowserApp.ScreenshotAsync(page, "techniques-edited-desktop");
    }

    [Fact]
    public async Task A_technique_is_deleted_only_after_confirming_and_one_in_use_is_refused()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new TechniqueListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.AddAsync("测试待删新技术");
        var dialog = new ConfirmDialog(page);

        await TechniqueListPage.DeleteAsync(list.Row("测试待删新技术"));
        await dialog.DismissAsync();
        await Assertions.Expect(list.Row("测试待删新技术")).ToHaveCountAsync(1);

        await TechniqueListPage.DeleteAsync(list.Row("测试待删新技术"));
        await dialog.ConfirmAsync();
        await Assertions.Expect(list.Row("测试待删新技术")).ToHaveCountAsync(0);

        await TechniqueListPage.DeleteAsync(list.Row("白内障摘除术"));
        await dialog.ConfirmAsync();
        await Assertions.Expect(list.ListError).ToContainTextAsync("已有工作量关联此新技术");

        await list.ReloadAsync();
        await Assertions.Expect(list.Row("测试待删新技术")).ToHaveCountAsync(0);
        await Assertions.Expect(list.Row("白内障摘除术")).ToHaveCountAsync(1);
    }
}
