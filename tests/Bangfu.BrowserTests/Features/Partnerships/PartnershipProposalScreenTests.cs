using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Partnerships;

/// A coordinator's partnership is a proposal until the other hospital's coordinator confirms it on the list page.
public sealed class PartnershipProposalScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_coordinator_proposes_a_partnership_and_the_other_hospital_confirms_it()
    {
        var name = "城乡对口帮扶：" + Guid.NewGuid().ToString("N")[..6];
        var proposer = await app.NewPageAsync();
        await new LoginPage(proposer).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var create = new PartnershipCreatePage(proposer);
        await create.GotoAsync();
        await create.Name.FillAsync(name);
        await create.StartDate.FillAsync("2026-03-01");
        await create.PickPartyAsync(1, "攀枝花", "攀枝花市中心医院");
        await create.PickPartyAsync(2, "盐源", "盐源县人民医院");
        await create.CreateAsync();

        await Assertions.Expect(proposer.GetByTestId("ptn-proposal-state")).ToContainTextAsync("尚待其他参与单位确认");
        await Assertions.Expect(proposer.GetByTestId("party-consent")).ToHaveTextAsync("待确认");
        await proposer.GotoAsync("/partnerships");
        await LoginPage.WaitForInteractiveAsync(proposer);
        await Assertions.Expect(proposer.GetByTestId("ptn-proposed").GetByTestId("ptn-proposal").Filter(new() { HasText = name })).ToBeVisibleAsync();
        await Assertions.Expect(proposer.GetByTestId("ptn-table").GetByText(name)).ToHaveCountAsync(0);

        var other = await app.NewPageAsync();
        await new LoginPage(other).SignInAsync("yy.coord", BrowserApp.AdminPassword);
        await other.GotoAsync("/partnerships");
        await LoginPage.WaitForInteractiveAsync(other);
        var row = other.GetByTestId("ptn-awaiting").GetByTestId("ptn-proposal").Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("攀枝花市中心医院");
        await BrowserApp.ScreenshotAsync(other, "partnership-proposals-desktop-zh");
        await row.GetByTestId("ptn-confirm").ClickAsync();

        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(other.GetByTestId("ptn-table").GetByText(name)).ToBeVisibleAsync();
        await other.GetByTestId("ptn-table").GetByText(name).ClickAsync();
        await other.WaitForURLAsync(new Regex(@"/partnerships/\d+$"));
        await LoginPage.WaitForInteractiveAsync(other);
        await Assertions.Expect(other.GetByTestId("party-row")).ToHaveCountAsync(2);
        await Assertions.Expect(other.GetByTestId("ptn-proposal-state")).ToHaveCountAsync(0);
        await Assertions.Expect(other.GetByTestId("party-consent")).ToHaveCountAsync(0);
    }
}
