using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Referrals;

public sealed class ReferralScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "User#Pass2026x";

    private sealed record Parties(string Sender, string Receiver, string ReceiverName, string Physician, string Crew, string Plate,
        int SenderId, int ReceiverId, int PhysicianId);

    private async Task<HttpClient> ApiAsync(string userName, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { userName, password });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<JsonObject> SendAsync(HttpClient http, string url, object? body = null)
    {
        var response = await http.PostAsJsonAsync(url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// Two hospitals, one clinician account in each, a transport centre of the receiver with one ambulance; made
    /// through the API as an administrator would.
    private async Task<Parties> SetUpAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = BrowserApp.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var tag = Guid.NewGuid().ToString("N")[..6];
        async Task<int> PostAsync(HttpClient client, string url, object body)
        {
            var response = await client.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            var node = JsonNode.Parse(text)!["id"]!;
            return node.GetValueKind() == JsonValueKind.Number ? node.GetValue<int>() : 0;
        }
        var sender = await PostAsync(http, "/api/organizations", new { name = $"测试县人民医院{tag}", kind = "GeneralHospital", grade = "Grade2A", regionCode = "140525" });
        var receiverName = $"测试省儿童医院{tag}";
        var receiver = await PostAsync(http, "/api/organizations", new { name = receiverName, kind = "ChildrensHospital", grade = "Grade3A", regionCode = "140100" });
        var physician = $"王医生{tag}";
        var physicianId = await PostAsync(http, "/api/people", new { organizationId = sender, name = physician, title = "主治医师", titleLevel = "Intermediate" });
        var crew = $"马医生{tag}";
        await PostAsync(http, "/api/people", new { organizationId = receiver, name = crew, title = "主治医师", titleLevel = "Intermediate" });
        await PostAsync(http, "/api/users", new { userName = $"s{tag}", role = "OrgAdmin", organizationId = sender, password = Password });
        await PostAsync(http, "/api/users", new { userName = $"r{tag}", role = "OrgAdmin", organizationId = receiver, password = Password });
        var centre = await PostAsync(http, "/api/transport/centres", new { organizationId = receiver, name = $"危重新生儿院前急救中心{tag}" });
        var plate = $"晋A{tag}";
        await PostAsync(http, $"/api/transport/centres/{centre}/vehicles", new { plate, vehicleType = "新生儿转运救护车", equipment = "转运暖箱、呼吸机" });
        return new Parties($"s{tag}", $"r{tag}", receiverName, physician, crew, plate, sender, receiver, physicianId);
    }

    [Fact]
    public async Task A_full_up_referral_with_transport_across_two_hospitals()
    {
        var p = await SetUpAsync();

        // The county hospital's doctor fills in the up-referral, asks for transport and submits.
        var senderPage = await app.NewPageAsync(360, 780);
        await new LoginPage(senderPage).SignInAsync(p.Sender, Password);
        var sender = new ReferralPages(senderPage);
        await sender.OpenNewUpAsync();
        await sender.TypeAndChooseAsync(sender.Field("转入机构"), p.ReceiverName[..6], new Regex(Regex.Escape(p.ReceiverName)));
        await sender.ChooseAsync(sender.Field("缓急"), new Regex("^急$"));
        await sender.ChooseAsync(sender.Field("签字医师"), new Regex(Regex.Escape(p.Physician)));
        await sender.Field("姓名").FillAsync("张小宝");
        await sender.Field("年龄").FillAsync("0");
        await sender.TypeAndChooseAsync(sender.Field("初步诊断（ICD-10）"), "新生儿呼吸", new Regex("^P22 "));
        await sender.Field("初步诊断$").FillAsync("新生儿呼吸窘迫综合征");
        await sender.Field("病史及诊治经过").FillAsync("孕32周早产，生后进行性呼吸困难，已予CPAP。");
        await sender.Field("转诊原因").FillAsync("需NICU呼吸支持");
        await sender.Field("陪同人员").FillAsync("患儿父亲");
        await BrowserApp.ScreenshotAsync(senderPage, "referral-form-phone");
        await sender.SaveDraftAsync();
        var id = int.Parse(Regex.Match(senderPage.Url, @"/referrals/(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(sender.Status).ToHaveTextAsync("草稿");
        await sender.UploadAsync("血气分析.pdf", System.Text.Encoding.UTF8.GetBytes("%PDF-1.4\n% 血气\n%%EOF\n"));
        await sender.RequestTransportAsync(new Regex("危重新生儿院前急救中心"), "呼吸急促，SpO2 88%，CPAP支持");
        await sender.ActAsync("submit");
        await Assertions.Expect(sender.Status).ToHaveTextAsync("已提交");
        var overflows = await senderPage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflows);
        await BrowserApp.ScreenshotAsync(senderPage, "referral-submitted-phone");

        // The provincial hospital accepts it from its incoming queue.
        var receiverPage = await app.NewPageAsync();
        await new LoginPage(receiverPage).SignInAsync(p.Receiver, Password);
        await receiverPage.GotoAsync("/referrals");
        await LoginPage.WaitForInteractiveAsync(receiverPage);
        var row = receiverPage.GetByTestId("incoming-list").GetByTestId("referral-row").Filter(new() { HasText = $"#{id} 张小宝" });
        await Assertions.Expect(row).ToContainTextAsync("急");
        await BrowserApp.ScreenshotAsync(receiverPage, "referral-incoming-queue");
        await row.ClickAsync();
        var receiver = new ReferralPages(receiverPage);
        await receiverPage.WaitForURLAsync(new Regex($"/referrals/{id}$"));
        await LoginPage.WaitForInteractiveAsync(receiverPage);
        await receiver.ActAsync("accept");
        await Assertions.Expect(receiver.Status).ToHaveTextAsync("已接收");

        // Its transport centre assigns the ambulance and crew, then logs departure, arrival and handover.
        await receiver.OpenTransportAsync();
        var request = receiver.Request(id);
        await request.GetByTestId("assign-start-button").ClickAsync();
        await receiver.ChooseAsync(request.GetByLabel(new Regex("^车辆")), new Regex(Regex.Escape(p.Plate)));
        await request.GetByTestId("assign-crew").GetByText(p.Crew).ClickAsync();
        await request.GetByTestId("assign-save").ClickAsync();
        await Assertions.Expect(request.GetByTestId("run-vehicle")).ToContainTextAsync(p.Plate);
        await request.GetByTestId("log-departed").ClickAsync();
        await Assertions.Expect(request.GetByTestId("log-arrived")).ToBeVisibleAsync();
        await request.GetByTestId("log-arrived").ClickAsync();
        await Assertions.Expect(request.GetByTestId("log-handed-over")).ToBeVisibleAsync();
        await request.GetByTestId("log-handed-over").ClickAsync();
        await Assertions.Expect(request).ToContainTextAsync("已到达");
        await BrowserApp.ScreenshotAsync(receiverPage, "transport-centre-logged");

        // The receiver completes the referral; both sides see the whole path.
        await receiver.OpenReferralAsync(id);
        await Assertions.Expect(receiver.Status).ToHaveTextAsync("已到达");
        await receiver.ActAsync("complete");
        await Assertions.Expect(receiver.Status).ToHaveTextAsync("已完成");
        await Assertions.Expect(receiver.Timeline).ToHaveCountAsync(6);
        await Assertions.Expect(receiver.Attachment("血气分析.pdf")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(receiverPage, "referral-completed-desktop");

        await sender.OpenReferralAsync(id);
        await Assertions.Expect(sender.Status).ToHaveTextAsync("已完成");
        await Assertions.Expect(senderPage.GetByTestId("transport-vehicle")).ToContainTextAsync(p.Plate);
        await BrowserApp.ScreenshotAsync(senderPage, "referral-completed-phone");
        _ = JsonSerializer.Serialize(p);
    }

    /// The receiver of a completed up-referral sends the patient back: the back-referral starts as its draft, which
    /// it completes on the edit page (treatment given and the plans a down-referral needs) and submits.
    [Fact]
    public async Task A_back_referral_draft_is_completed_on_its_edit_page_and_submitted()
    {
        var p = await SetUpAsync();
        using var senderApi = await ApiAsync(p.Sender, Password);
        using var receiverApi = await ApiAsync(p.Receiver, Password);
        var up = await SendAsync(senderApi, "/api/referrals", new
        {
            direction = "Up",
            toOrganizationId = p.ReceiverId,
            priority = "Urgent",
            signingPhysicianId = p.PhysicianId,
            patient = new { name = "张小宝", sex = "Male", ageYears = 0, idNumber = "510104199001011230" },
            diagnosisCode = "P22",
            diagnosisText = "新生儿呼吸窘迫",
            history = "孕32周早产。",
            reason = "需NICU呼吸支持",
        });
        var id = up["id"]!.GetValue<int>();
        await SendAsync(senderApi, $"/api/referrals/{id}/submit");
        await SendAsync(receiverApi, $"/api/referrals/{id}/accept");
        await SendAsync(senderApi, $"/api/referrals/{id}/depart");
        await SendAsync(receiverApi, $"/api/referrals/{id}/receive");
        await SendAsync(receiverApi, $"/api/referrals/{id}/complete");

        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync(p.Receiver, Password);
        var pages = new ReferralPages(page);
        await pages.OpenReferralAsync(id);
        await pages.ChooseAsync(page.GetByTestId("back-referral").GetByLabel(new Regex("^签字医师")), new Regex(Regex.Escape(p.Crew)));
        await page.GetByTestId("back-referral-create").ClickAsync();
        await page.WaitForURLAsync(new Regex($@"/referrals/(?!{id}$)\d+$"));
        var back = int.Parse(Regex.Match(page.Url, @"/referrals/(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(id, back);
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(pages.Status).ToHaveTextAsync("草稿");

        // Submitting it as it is names what a down-referral still lacks.
        await pages.ActAsync("submit");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
        await Assertions.Expect(pages.Status).ToHaveTextAsync("草稿");

        await page.GetByTestId("referral-edit").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/referrals/{back}/edit$"));
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "修改转诊单草稿" })).ToBeVisibleAsync();
        // The patient comes over with the identity number masked; left empty, it is kept.
        await Assertions.Expect(pages.Field("姓名")).ToHaveValueAsync("张小宝");
        await Assertions.Expect(page.GetByText("已保存 510**************0")).ToBeVisibleAsync();
        await pages.Field("治疗经过").FillAsync("NICU呼吸支持7天，撤机成功");
        await pages.Field("下一步治疗方案").FillAsync("继续母乳喂养，监测体重");
        await pages.Field("康复方案").FillAsync("早产儿随访");
        await BrowserApp.ScreenshotAsync(page, "referral-back-edit-phone");
        await pages.SaveDraftAsync();
        Assert.EndsWith($"/referrals/{back}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("detail-id")).ToHaveTextAsync("510**************0");

        await pages.ActAsync("submit");
        await Assertions.Expect(pages.Status).ToHaveTextAsync("已提交");
        await Assertions.Expect(page.GetByTestId("referral-edit")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("link-original")).ToHaveTextAsync($"#{id}");
        await BrowserApp.ScreenshotAsync(page, "referral-back-submitted-phone");
    }
}
