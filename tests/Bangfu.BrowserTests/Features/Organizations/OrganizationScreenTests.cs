using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Organizations;

public sealed class OrganizationScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_creates_an_organization_and_finds_it_in_the_list()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var name = "测试县人民医院" + Guid.NewGuid().ToString("N")[..6];

        var edit = new OrganizationEditPage(page);
        await edit.GotoNewAsync();
        await edit.Name.FillAsync(name);
        await edit.ShortName.FillAsync("测试县医院");
        await edit.RegionCode.FillAsync("513423");
        await edit.SaveAsync();
        await edit.WaitForSavedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await BrowserApp.ScreenshotAsync(page, "organization-detail-desktop-zh");

        var list = new OrganizationListPage(page);
        await list.GotoAsync();
        await list.SearchAsync(name);
        await Assertions.Expect(list.Rows).ToHaveCountAsync(1);
        await Assertions.Expect(list.Row(name)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_refused_save_shows_the_field_error_and_keeps_what_was_typed()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var edit = new OrganizationEditPage(page);
        await edit.GotoNewAsync();
        await edit.Name.FillAsync("区划代码写错的医院");
        await edit.RegionCode.FillAsync("12345");
        await edit.SaveAsync();

        await Assertions.Expect(page.GetByTestId("form-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("行政区划代码须为6位数字（GB/T 2260，如 513423）。")).ToBeVisibleAsync();
        await Assertions.Expect(edit.Name).ToHaveValueAsync("区划代码写错的医院");
        await Assertions.Expect(edit.RegionCode).ToHaveValueAsync("12345");
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_says_so_and_keeps_what_was_typed()
    {
        var mine = await app.NewPageAsync();
        await new LoginPage(mine).SignInAsync("admin", BrowserApp.AdminPassword);
        var myEdit = new OrganizationEditPage(mine);
        await myEdit.GotoNewAsync();
        await myEdit.Name.FillAsync("并发测试医院" + Guid.NewGuid().ToString("N")[..6]);
        await myEdit.RegionCode.FillAsync("330109");
        await myEdit.SaveAsync();
        await myEdit.WaitForSavedAsync();

        var theirs = await app.NewPageAsync();
        await new LoginPage(theirs).SignInAsync("admin", BrowserApp.AdminPassword);
        var theirEdit = new OrganizationEditPage(theirs);
        await theirEdit.GotoAsync(mine.Url);
        await theirEdit.Address.FillAsync("他人填写的地址");
        await theirEdit.SaveAsync();
        await Assertions.Expect(theirs.GetByText("已保存。")).ToBeVisibleAsync();

        await myEdit.Address.FillAsync("我填写的地址");
        await myEdit.SaveAsync();
        await Assertions.Expect(myEdit.Error).ToContainTextAsync("此记录已被他人修改");
        await Assertions.Expect(myEdit.Address).ToHaveValueAsync("我填写的地址");

        await myEdit.ReloadAsync();
        await Assertions.Expect(myEdit.Address).ToHaveValueAsync("他人填写的地址");
        await Assertions.Expect(myEdit.Error).ToBeHiddenAsync();
    }
}
