using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features;

public sealed class LanguageAndLayoutTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";

    [Fact]
    public async Task The_app_bar_switch_turns_the_labels_english_and_back_to_chinese()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new OrganizationListPage(page);
        await list.GotoAsync();
        var shell = new AppShell(page);
        await Assertions.Expect(list.Heading).ToHaveTextAsync("机构");

        await shell.SwitchLanguageAsync();
        await Assertions.Expect(list.Heading).ToHaveTextAsync("Organizations");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Region code" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("General hospital").First).ToBeVisibleAsync();
        await Assertions.Expect(shell.NavLink("Partnerships")).ToBeVisibleAsync();

        await shell.SwitchLanguageAsync();
        await Assertions.Expect(list.Heading).ToHaveTextAsync("机构");
        await Assertions.Expect(shell.NavLink("帮扶关系")).ToBeVisibleAsync();
    }

    public static TheoryData<int, int, string> Screens => new()
    {
        { 1366, 900, "desktop" },
        { 360, 780, "phone" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Registry_screens_fit_the_screen_in_chinese(int width, int height, string device)
    {
        var page = await app.NewPageAsync(width, height);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);

        var list = new OrganizationListPage(page);
        await list.GotoAsync();
        await Assertions.Expect(list.Row("攀枝花市中心医院")).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await BrowserApp.ScreenshotAsync(page, $"organizations-{device}-zh");

        var detail = new PartnershipDetailPage(page);
        await detail.GotoAsync(Trusteeship);
        await Assertions.Expect(detail.Rounds.First).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await BrowserApp.ScreenshotAsync(page, $"partnership-detail-{device}-zh");

        var create = new PartnershipCreatePage(page);
        await create.GotoAsync();
        await Assertions.Expect(create.Name).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync(page);
        await BrowserApp.ScreenshotAsync(page, $"partnership-create-{device}-zh");
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Registry_screens_fit_the_screen_in_english(int width, int height, string device)
    {
        var page = await app.NewPageAsync(width, height, locale: "en");
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);

        var list = new OrganizationListPage(page);
        await list.GotoAsync();
        await Assertions.Expect(list.Heading).ToHaveTextAsync("Organizations");
        await AssertNoHorizontalOverflowAsync(page);
        await BrowserApp.ScreenshotAsync(page, $"organizations-{device}-en");

        var detail = new PartnershipDetailPage(page);
        await detail.GotoAsync(Trusteeship);
        await Assertions.Expect(detail.Rounds.First).ToContainTextAsync("Round 1");
        await AssertNoHorizontalOverflowAsync(page);
        await BrowserApp.ScreenshotAsync(page, $"partnership-detail-{device}-en");
    }

    /// Nothing may stick out to the side: on a phone that means text cut off or a page that pans sideways.
    private static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
    }
}
