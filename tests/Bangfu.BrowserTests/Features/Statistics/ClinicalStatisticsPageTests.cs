using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Statistics;

/// The statistics page shows what GET /api/consultations/stats and /api/referrals/stats answer for the same
/// period and region, and nothing about a patient.
public sealed class ClinicalStatisticsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<JsonObject> ApiAsync(string userName, string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = BrowserApp.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.GetFromJsonAsync<JsonObject>(url))!;
    }

    /// The page's default period: the last twelve months up to today.
    private static string Period()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        return $"from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}".Replace('/', '-');
    }

    [Fact]
    public async Task A_commission_reads_the_counts_of_its_region_and_no_patient()
    {
        var api = await ApiAsync("sc.nhc", $"/api/consultations/stats?{Period()}&regionCode=510000");
        var total = api["total"]!.GetValue<int>();
        Assert.True(total > 0);

        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("sc.nhc", BrowserApp.AdminPassword);
        await page.GotoAsync("/statistics");
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("stats-region")).ToHaveValueAsync("510000");
        await Assertions.Expect(page.GetByTestId("stats-consult-total")).ToHaveTextAsync(total.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("stats-by-type")).ToContainTextAsync("影像");
        await Assertions.Expect(page.GetByTestId("stats-by-organization")).ToContainTextAsync("盐源县人民医院");
        var median = api["waiting"]!["medianMinutes"]!.GetValue<double>();
        await Assertions.Expect(page.GetByTestId("stats-waiting")).ToContainTextAsync((median / 60).ToString("0.#", CultureInfo.InvariantCulture) + " 小时");
        var body = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("李某", body, StringComparison.Ordinal);
        Assert.DoesNotContain("张某", body, StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "statistics-commission");

        // A region code that is not a code is answered on the field.
        await page.GetByTestId("stats-region").FillAsync("51");
        await page.GetByTestId("stats-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stats-filter")).ToContainTextAsync("行政区划代码须为6位数字");
    }

    [Fact]
    public async Task The_administrator_sees_up_and_down_referrals_by_month_of_receipt()
    {
        var api = await ApiAsync("admin", $"/api/referrals/stats?{Period()}");
        var up = api["monthly"]!.AsArray().Where(m => m!["direction"]!.GetValue<string>() == "Up").Sum(m => m!["count"]!.GetValue<int>());
        Assert.True(up > 0);

        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        await page.GotoAsync("/statistics");
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("stats-up")).ToHaveTextAsync(up.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("stats-referral-monthly")).ToContainTextAsync("泽州");
        await Assertions.Expect(page.GetByTestId("stats-referral-status")).ToContainTextAsync("已完成");
        await BrowserApp.ScreenshotAsync(page, "statistics-admin-phone");
    }
}
