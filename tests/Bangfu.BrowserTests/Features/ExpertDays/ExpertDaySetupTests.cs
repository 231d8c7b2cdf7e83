using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.ExpertDays;

/// A coordinator sets up a new recurring expert day through the form and staffs one of its dates.
public sealed class ExpertDaySetupTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    private const string Day = "2025年骨科专家工作日";

    [Fact]
    public async Task New_monthly_day_lists_its_third_thursdays_flags_them_until_staffed_and_keeps_assignments_after_a_reload()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Trusteeship);
        var calendar = new ExpertDayCalendarPage(page);
        await calendar.OpenFromDetailAsync();

        await calendar.CreateMonthlyAsync(Day, "每月第3个", "星期四", "2025-01-01", "2025-12-31", 3, 5);
        await Assertions.Expect(calendar.Rule).ToHaveValueAsync("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3");
        await BrowserApp.ScreenshotAsync(page, "expert-day-form-desktop-zh");
        await calendar.SaveAsync();

        await Assertions.Expect(calendar.Row(Day)).ToContainTextAsync("每月第3个星期四");
        await Assertions.Expect(calendar.Row(Day)).ToContainTextAsync("3–5");
        // The new day opens on 2025, the year it runs, not on the current year.
        await Assertions.Expect(page.GetByTestId("eday-occurrences")).ToHaveAttributeAsync("data-year", "2025");
        await Assertions.Expect(calendar.Occurrences).ToHaveCountAsync(12);
        var dates = await calendar.Occurrences.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.date)");
        Assert.Equal(["2025-01-16", "2025-02-20", "2025-03-20", "2025-04-17", "2025-05-15", "2025-06-19", "2025-07-17", "2025-08-21",
            "2025-09-18", "2025-10-16", "2025-11-20", "2025-12-18"], dates);
        await Assertions.Expect(page.GetByTestId("eday-short")).ToHaveCountAsync(12);

        var march = calendar.Occurrence("2025-03-20");
        await Assertions.Expect(march).ToContainTextAsync("星期四");
        await Assertions.Expect(march.GetByTestId("eday-short")).ToHaveTextAsync("人数不足 0/3");
        await march.GetByTestId("eday-assign").ClickAsync();
        await Assertions.Expect(march.GetByTestId("eday-assign-error")).ToHaveTextAsync("请先选择专家。");
        await Assertions.Expect(page.GetByTestId("eday-assign-error")).ToHaveCountAsync(1);
        await ExpertDayCalendarPage.AssignFirstOfferedAsync(march);
        await Assertions.Expect(page.GetByTestId("eday-assign-error")).ToHaveCountAsync(0);
        await Assertions.Expect(march.GetByTestId("eday-short")).ToHaveTextAsync("人数不足 1/3");
        await ExpertDayCalendarPage.AssignFirstOfferedAsync(march);
        await ExpertDayCalendarPage.AssignFirstOfferedAsync(march);
        await Assertions.Expect(march.GetByTestId("eday-short")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("eday-short")).ToHaveCountAsync(11);
        var names = await march.GetByTestId("eday-expert").AllInnerTextsAsync();
        await BrowserApp.ScreenshotAsync(page, "expert-day-staffed-desktop-zh");

        await calendar.ReloadAsync();
        await calendar.ShowYearAsync(Day, 2025);
        await Assertions.Expect(march.GetByTestId("eday-expert")).ToHaveCountAsync(3);
        await Assertions.Expect(march.GetByTestId("eday-short")).ToHaveCountAsync(0);

        await march.GetByTestId("eday-unassign").First.ClickAsync();
        await Assertions.Expect(march.GetByTestId("eday-expert")).ToHaveCountAsync(2);
        await Assertions.Expect(march.GetByTestId("eday-short")).ToHaveTextAsync("人数不足 2/3");

        await calendar.ReloadAsync();
        await calendar.ShowYearAsync(Day, 2025);
        await Assertions.Expect(march.GetByTestId("eday-expert")).ToHaveCountAsync(2);
        await Assertions.Expect(march.GetByTestId("eday-short")).ToHaveTextAsync("人数不足 2/3");
        Assert.Contains((await march.GetByTestId("eday-expert").AllInnerTextsAsync())[0].Trim(), names.Select(n => n.Trim()));
    }

    [Fact]
    public async Task New_day_form_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Trusteeship);
        var calendar = new ExpertDayCalendarPage(page);
        await calendar.OpenFromDetailAsync();
        await calendar.CreateMonthlyAsync("手机上新建的工作日", "每周", "星期二", "2025-01-01", "2025-03-31", 1, 2);
        await Assertions.Expect(calendar.Rule).ToHaveValueAsync("FREQ=WEEKLY;BYDAY=TU");
        var overflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows, "the page scrolls sideways at 360 px");
        await BrowserApp.ScreenshotAsync(page, "expert-day-form-phone-zh");
        await calendar.SaveAsync();
        await Assertions.Expect(calendar.Row("手机上新建的工作日")).ToContainTextAsync("每周星期二");
        await Assertions.Expect(calendar.Occurrences).ToHaveCountAsync(12);
    }

    [Fact]
    public async Task Deleting_an_expert_day_asks_first_and_it_stays_gone_after_a_reload()
    {
        const string Doomed = "2026年眼科专家工作日";
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Trusteeship);
        var calendar = new ExpertDayCalendarPage(page);
        await calendar.OpenFromDetailAsync();
        await calendar.CreateMonthlyAsync(Doomed, "每月第3个", "星期二", "2026-01-01", "2026-12-31", 2, 4);
        await calendar.SaveAsync();
        await Assertions.Expect(calendar.Row(Doomed)).ToHaveCountAsync(1);
        var others = await page.GetByTestId("eday-row").CountAsync();

        var dialog = new ConfirmDialog(page);
        await calendar.Row(Doomed).GetByTestId("eday-delete").ClickAsync();
        await Assertions.Expect(dialog.Dialog).ToContainTextAsync(Doomed);
        await BrowserApp.ScreenshotAsync(page, "expert-day-delete-confirm-desktop-zh");
        await dialog.DismissAsync();
        await Assertions.Expect(calendar.Row(Doomed)).ToHaveCountAsync(1);

        await calendar.Row(Doomed).GetByTestId("eday-delete").ClickAsync();
        await dialog.ConfirmAsync();
        await Assertions.Expect(calendar.Row(Doomed)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("eday-occurrences")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("eday-row")).ToHaveCountAsync(others - 1);

        await calendar.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("eday-row")).ToHaveCountAsync(others - 1);
        await Assertions.Expect(calendar.Row(Doomed)).ToHaveCountAsync(0);
    }
}
