using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.ExpertDays;

public sealed class ExpertDayCalendarTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    private const string Day = "中心医院专家工作日";

    [Fact]
    public async Task Coordinator_sees_the_third_thursdays_and_removing_experts_flags_the_date_understaffed()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Trusteeship);
        var calendar = new ExpertDayCalendarPage(page);
        await calendar.OpenFromDetailAsync();
        await Assertions.Expect(calendar.Row(Day)).ToContainTextAsync("每月第3个星期四");
        await Assertions.Expect(calendar.Row(Day)).ToContainTextAsync("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3");

        await calendar.ShowYearAsync(Day, 2018);
        // June to December 2018: the third Thursdays.
        await Assertions.Expect(calendar.Occurrences).ToHaveCountAsync(7);
        var june = calendar.Occurrence("2018-06-21");
        await Assertions.Expect(june).ToContainTextAsync("星期四");
        await Assertions.Expect(calendar.Occurrence("2018-07-19")).ToBeVisibleAsync();
        await Assertions.Expect(june.GetByTestId("eday-short")).ToHaveCountAsync(0);

        var experts = await june.GetByTestId("eday-expert").CountAsync();
        Assert.True(experts >= 3);
        for (var left = experts; left >= 3; left--)
        {
            await june.GetByTestId("eday-unassign").First.ClickAsync();
            await Assertions.Expect(june.GetByTestId("eday-expert")).ToHaveCountAsync(left - 1);
        }
        await Assertions.Expect(june.GetByTestId("eday-short")).ToHaveTextAsync("人数不足 2/3");
        await BrowserApp.ScreenshotAsync(page, "expert-days-desktop");
    }

    [Fact]
    public async Task Calendar_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 740);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await new PartnershipDetailPage(page).GotoAsync(Trusteeship);
        var calendar = new ExpertDayCalendarPage(page);
        await calendar.OpenFromDetailAsync();
        await calendar.ShowYearAsync(Day, 2019);
        await Assertions.Expect(calendar.Occurrences).ToHaveCountAsync(12);
        var wide = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('.mud-main-content *')].filter(e => !e.closest('.scroll-x') && e.getBoundingClientRect().right > 361)
                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width)).slice(0, 5).join(' | ')
            """);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, wide);
        await BrowserApp.ScreenshotAsync(page, "expert-days-phone");
    }
}
