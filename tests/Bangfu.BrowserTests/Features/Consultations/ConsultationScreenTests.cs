using System.Text;
using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Consultations;

public sealed class ConsultationScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_county_hospital_requests_and_the_city_hospital_schedules_holds_and_signs_a_consultation_that_is_then_filed()
    {
        // 盐源县人民医院 asks; 攀枝花市中心医院 (its trustee, seed 004) answers with its ophthalmologist as consultant.
        var county = await app.NewPageAsync();
        await new LoginPage(county).SignInAsync("yy.coord", BrowserApp.AdminPassword);
        var form = new ConsultationPages(county);
        await form.GotoNewAsync();
        await form.PickInvitedAsync("攀枝花", "攀枝花市中心医院");
        await form.Field("专科").FillAsync("眼科");
        await form.ChooseAsync("申请医师", "阿木子哈 主治医师");
        await form.Field("会诊目的").FillAsync("明确右眼视力下降原因，是否需手术");
        await form.Field("病历摘要").FillAsync("患者男，36岁，右眼无痛性视力下降2月，眼压正常。");
        await form.Field("姓名").FillAsync("王某某");
        await form.ChooseAsync("性别", "男");
        await form.Field("出生年份").FillAsync("1990");
        await form.Field("身份证号").FillAsync("510104199001011230");
        await form.Field("同意人姓名").FillAsync("王某某");
        await county.GetByLabel("已向患者或家属说明会诊目的、内容及风险").CheckAsync();
        await BrowserApp.ScreenshotAsync(county, "consultation-1-request-form");
        var url = await form.SaveAsync();
        var path = new Uri(url).AbsolutePath;
        await Assertions.Expect(form.State).ToHaveTextAsync("草稿");
        await Assertions.Expect(county.GetByTestId("consult-id")).ToHaveTextAsync("510**************0");
        await Assertions.Expect(county.GetByTestId("consult-physician-name")).ToHaveTextAsync("阿木子哈");
        await form.UploadAsync("眼底照片.pdf", Encoding.UTF8.GetBytes("%PDF-1.4\n% 眼底\n%%EOF\n"));
        await form.ActAsync("Submit", "已提交");

        var city = await app.NewPageAsync();
        await new LoginPage(city).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var invited = new ConsultationPages(city);
        await invited.GotoAsync("/consultations");
        await city.GetByRole(AriaRole.Tab, new() { Name = "邀请我方的" }).ClickAsync();
        await Assertions.Expect(city.GetByTestId("consult-row").Filter(new() { HasText = "王某某" })).ToHaveCountAsync(1);
        await invited.GotoAsync(path);
        await invited.ActAsync("Accept", "已受理");
        await invited.ActAsync("Schedule", "已排期", () => invited.ChooseAsync("会诊专家", "郑雨晴 副主任医师"));
        await Assertions.Expect(city.GetByTestId("consult-consultant-name")).ToContainTextAsync("郑雨晴");

        var expert = await app.NewPageAsync(width: 360, height: 780);
        await new LoginPage(expert).SignInAsync("pzh.expert", BrowserApp.AdminPassword);
        var consultant = new ConsultationPages(expert);
        await consultant.GotoAsync(path);
        await consultant.ActAsync("StartSession", "会诊中");
        // Notes taken during the session are saved as a draft and survive a reload (a lost connection).
        await consultant.Field("会诊意见").FillAsync("考虑右眼白内障（核性）");
        await expert.GetByTestId("consult-opinion-save").ClickAsync();
        await Assertions.Expect(expert.GetByText("草稿已保存。")).ToBeVisibleAsync();
        await consultant.GotoAsync(path);
        await Assertions.Expect(consultant.Field("会诊意见")).ToHaveValueAsync("考虑右眼白内障（核性）");
        await consultant.ActAsync("EndSession", "待出具意见");
        await consultant.ActAsync("SignOpinion", "意见已签署",
            () => consultant.Field("会诊意见").FillAsync("考虑右眼白内障（核性），建议择期行超声乳化白内障摘除联合人工晶体植入术。"));
        await Assertions.Expect(expert.GetByTestId("consult-decision-notice")).ToContainTextAsync("诊疗决策由邀请方负责");
        await BrowserApp.ScreenshotAsync(expert, "consultation-2-opinion-signed-phone");

        await form.GotoAsync(path);
        await form.ActAsync("File", "已归档");
        await Assertions.Expect(county.GetByTestId("consult-opinion-view")).ToContainTextAsync("郑雨晴");
        await county.GetByTestId("consult-reveal").ClickAsync();
        await Assertions.Expect(county.GetByTestId("consult-id")).ToHaveTextAsync("510104199001011230");
        var timeline = county.GetByTestId("consult-timeline");
        foreach (var step in new[] { "创建申请", "提交申请", "受理", "排期", "开始会诊", "结束会诊", "签署会诊意见", "归档" })
            await Assertions.Expect(timeline).ToContainTextAsync(step);
        await BrowserApp.ScreenshotAsync(county, "consultation-3-filed");
    }
}
