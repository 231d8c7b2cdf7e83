using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.People;

public sealed class PersonScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_adds_an_expert_to_a_department_of_the_chosen_hospital()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var name = "专家" + Guid.NewGuid().ToString("N")[..4];

        var edit = new PersonEditPage(page);
        await edit.GotoNewAsync();
        await edit.PickOrganizationAsync("攀枝花", "攀枝花市中心医院");
        await edit.ChooseAsync("科室", "眼科");
        await edit.Name.FillAsync(name);
        await edit.Title.FillAsync("主任医师");
        await edit.ChooseAsync("职称级别", "正高");
        await edit.SaveAsync();
        await BrowserApp.ScreenshotAsync(page, "person-edit-desktop-zh");

        await page.GotoAsync("/people");
        await LoginPage.WaitForInteractiveAsync(page);
        await page.GetByLabel("搜索").FillAsync(name);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("攀枝花市中心医院");
        await Assertions.Expect(row).ToContainTextAsync("眼科");
        await Assertions.Expect(row).ToContainTextAsync("正高");
    }
}
