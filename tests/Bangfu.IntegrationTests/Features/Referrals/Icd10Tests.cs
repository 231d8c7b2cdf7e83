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

/// A hospital drops its own catalogue (国家临床版 or 医保版, exported from the HIS as GBK CSV) into `<data>/icd10`;
/// its detailed codes are searchable and accepted on referrals. The catalogue is read when first needed, so the file
/// is written before this class's app answers any ICD-10 question.
public sealed class Icd10LocalCatalogueTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task Detailed_codes_from_the_hospital_catalogue_are_searched_and_accepted()
    {
        var dir = Directory.CreateDirectory(Path.Combine(app.DataDir, "icd10"));
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "临床版2.0.csv"),
            "诊断编码,诊断名称\r\nI21.000x001,急性前间壁心肌梗死\r\nP22.000,新生儿呼吸窘迫综合征\r\nQQ1.000,不是编码\r\n",
            System.Text.Encoding.GetEncoding(936));
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "readme.md"), "I22.000,not a catalogue file");

        var admin = await app.AdminAsync();
        var found = await (await admin.GetAsync("/api/icd10?q=" + Uri.EscapeDataString("前间壁"))).ReadAsync<List<Icd10Entry>>();
        var detail = Assert.Single(found);
        Assert.Equal(("I21.000X001", Icd10Kind.Detail), (detail.Code, detail.Kind));
        var byCode = await (await admin.GetAsync("/api/icd10?q=P22")).ReadAsync<List<Icd10Entry>>();
        Assert.Equal(["P22", "P22.000"], byCode.Take(2).Select(e => e.Code));
        Assert.Empty(await (await admin.GetAsync("/api/icd10?q=I22.000")).ReadAsync<List<Icd10Entry>>());

        var s = await app.SetUpReferralsAsync(admin);
        var referral = await s.Sender.CreateReferralAsync(s.Up(diagnosisCode: "i21.000x001"));
        Assert.Equal("I21.000X001", referral.DiagnosisCode);
        Assert.Equal("急性心肌梗死", referral.DiagnosisCategoryName);
    }
}
