using System.Net;
using Bangfu.Features.Referrals;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Referrals;

public sealed class Icd10Tests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task The_lookup_finds_a_code_prefix_and_chinese_text_and_a_form_refuses_an_unknown_code()
    {
        var admin = await app.AdminAsync();
        var byCode = await (await admin.GetAsync("/api/icd10?q=P2")).ReadAsync<List<Icd10Entry>>();
        Assert.StartsWith("P2", byCode[0].Code);
        Assert.True(byCode.Count <= 20);
        var byText = await (await admin.GetAsync("/api/icd10?q=" + Uri.EscapeDataString("心肌梗死"))).ReadAsync<List<Icd10Entry>>();
        Assert.Equal("I21", byText[0].Code);

        var s = await app.SetUpReferralsAsync(admin);
        await (await s.Sender.PostJsonAsync("/api/referrals", s.Up(diagnosisCode: "XYZ"))).FieldErrorAsync("diagnosisCode");
        await (await s.Sender.PostJsonAsync("/api/referrals", s.Up(diagnosisCode: "A00-B99"))).FieldErrorAsync("diagnosisCode");
        var ok = await s.Sender.CreateReferralAsync(s.Up(diagnosisCode: "p22.0"));
        Assert.Equal("P22.0", ok.DiagnosisCode);
        Assert.Equal("新生儿呼吸窘迫", ok.DiagnosisCategoryName);
        Assert.Equal(HttpStatusCode.Created, (await s.Sender.PostJsonAsync("/api/referrals", s.Down())).StatusCode);
        await (await s.Sender.PostJsonAsync("/api/referrals", s.Down() with { NextTreatmentPlan = null })).FieldErrorAsync("nextTreatmentPlan");
    }
}
