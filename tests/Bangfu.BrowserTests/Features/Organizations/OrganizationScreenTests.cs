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
}
