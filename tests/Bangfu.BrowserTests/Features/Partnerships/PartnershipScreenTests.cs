using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Partnerships;

public sealed class PartnershipScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    private const string Alliance = "山西省儿童妇幼医疗保健专科联盟";

    [Fact]
    public async Task Admin_creates_a_partnership_with_two_parties_and_adds_its_first_agreement()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var name = "城乡对口帮扶：" + Guid.NewGuid().ToString("N")[..6];

        var create = new PartnershipCreatePage(page);
        await create.GotoAsync();
        await create.Name.FillAsync(name);
        await create.Programme.FillAsync("城乡对口支援");
        await create.StartDate.FillAsync("2026-03-01");
        await create.PickPartyAsync(1, "萧山", "杭州市萧山区中医院");
        await create.PickPartyAsync(2, "龙泉", "龙泉市中医医院");
        await create.CreateAsync();

        var detail = new PartnershipDetailPage(page);
        await Assertions.Expect(detail.Heading).ToHaveTextAsync(name);
        await Assertions.Expect(detail.Parties).ToHaveCountAsync(2);
        await Assertions.Expect(detail.Parties.Filter(new() { HasText = "杭州市萧山区中医院" })).ToBeVisibleAsync();
        await Assertions.Expect(detail.Parties.Filter(new() { HasText = "龙泉市中医医院" })).ToBeVisibleAsync();

        await detail.AddAgreementAsync(1, "城乡对口帮扶协议书", "2026-02-20", "2026-03-01", "2029-02-28");
        await Assertions.Expect(detail.Rounds).ToHaveCountAsync(1);
        await Assertions.Expect(detail.Rounds.First).ToContainTextAsync("第1轮");
        await Assertions.Expect(detail.Rounds.First).ToContainTextAsync("城乡对口帮扶协议书");
        await Assertions.Expect(detail.Rounds.First).ToContainTextAsync("2026-02-20");
        await Assertions.Expect(detail.Rounds.First).ToContainTextAsync("2026-03-01 – 2029-02-28");

        var history = await detail.OpenHistoryAsync();
        await Assertions.Expect(history.Filter(new() { HasText = "协议 #" })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(history.Filter(new() { HasText = "帮扶关系 #" })).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Trusteeship_detail_shows_the_delegated_rights_and_the_six_unchanged_items()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var detail = new PartnershipDetailPage(page);
        await detail.GotoAsync(Trusteeship);

        await Assertions.Expect(page.GetByTestId("ptn-kind")).ToHaveTextAsync("托管");
        await Assertions.Expect(detail.Rounds.First.GetByText("管理权", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(detail.Rounds.First.GetByText("隶属关系不变", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(detail.Parties.Filter(new() { HasText = "盐源县人民医院" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Alliance_detail_lists_its_member_hospitals()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var detail = new PartnershipDetailPage(page);
        await detail.GotoAsync(Alliance);

        await Assertions.Expect(detail.Parties.Filter(new() { HasText = "山西省儿童医院（山西省妇幼保健院）" })).ToBeVisibleAsync();
        await Assertions.Expect(detail.Members.Filter(new() { HasText = "陵川县人民医院" })).ToBeVisibleAsync();
        await Assertions.Expect(detail.Members.Filter(new() { HasText = "山西省汾阳医院" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "alliance-detail-desktop-zh");
    }

    [Fact]
    public async Task Admin_adds_a_member_hospital_with_its_docking_department_to_the_alliance()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var detail = new PartnershipDetailPage(page);
        await detail.GotoAsync(Alliance);

        await detail.AddMemberAsync("盐源", "盐源县人民医院", "门诊部");

        await page.GetByLabel("筛选成员单位").FillAsync("盐源");
        var row = page.GetByTestId("member-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "盐源县人民医院" });
        await Assertions.Expect(row).ToContainTextAsync("成员单位");
        await Assertions.Expect(row).ToContainTextAsync("门诊部");
    }
}
