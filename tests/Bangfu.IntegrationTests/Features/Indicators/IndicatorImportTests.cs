using System.Net;
using System.Net.Http.Headers;
using Bangfu.Features.Indicators;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using Bangfu.Testing;
using MiniExcelLibs;
using static Bangfu.Features.Indicators.IndicatorCatalogue;

namespace Bangfu.IntegrationTests.Features.Indicators;

public sealed class IndicatorImportTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static MultipartFormDataContent Workbook(IEnumerable<Dictionary<string, object>> rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows);
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "returns.xlsx" } };
    }

    /// 300 MB of zeros deflated to about 300 KB; three copies fit under the 1 MB body limit of the API.
    private static readonly Lazy<TestZip.Part> Zeros = new(() => TestZip.Filled("zeros", 300L * 1024 * 1024));

    private static MultipartFormDataContent Upload(byte[] xlsx) =>
        new() { { new ByteArrayContent(xlsx), "file", "returns.xlsx" } };

    private static Dictionary<string, object> Row(string code, object org, string period, object value) =>
        new() { ["指标编码"] = code, ["机构"] = org, ["期间"] = period, ["数值"] = value };

    [Fact]
    public async Task Imports_a_workbook_by_organization_name_or_id()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var response = await admin.PostAsync("/api/indicators/values/import", Workbook(
        [
            Row(Revenue, org.Name, "2019", 500),
            Row(Revenue, org.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "2020", 600.5),
            Row(Admissions, org.Name, "2020", 1000),
            Row(Discharges, org.Name, "2020", 100),
        ]));
        var result = await response.ReadAsync<ImportResult>();
        Assert.Equal(4, result.Rows);
        Assert.Single(result.Warnings);
        var c = (await admin.CompareAsync(org.Id, "2020", "2019")).Indicators.Single(i => i.Code == Revenue);
        Assert.Equal(600.5m, c.Value);
        Assert.Equal(20.1m, c.GrowthPercent);
        Assert.Equal(ValueSource.Imported, (await admin.ValuesAsync(org.Id, "2020", code: Revenue)).Single().Source);
    }

    [Fact]
    public async Task A_bad_row_names_its_row_and_column_and_nothing_is_written()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var response = await admin.PostAsync("/api/indicators/values/import", Workbook(
        [
            Row(Revenue, org.Name, "2019", 500),
            Row("NO_SUCH_CODE", org.Name, "2019", 1),
            Row(Surgeries, "没有这家医院", "2019-13", "abc"),
        ]));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("row3.指标编码"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("row4.机构"));
        Assert.True(errors.ContainsKey("row4.期间"));
        Assert.True(errors.ContainsKey("row4.数值"));
        Assert.Empty(await admin.ValuesAsync(org.Id, "2019", code: Revenue));

        var noFile = await admin.PostAsync("/api/indicators/values/import", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        await noFile.FieldErrorAsync("file");
        var notXlsx = new MultipartFormDataContent { { new ByteArrayContent("not a workbook"u8.ToArray()), "file", "x.xlsx" } };
        await (await admin.PostAsync("/api/indicators/values/import", notXlsx)).FieldErrorAsync("file");
    }

    [Fact]
    public async Task A_zip_bomb_and_a_workbook_of_many_entries_are_refused_before_anything_unpacks_them()
    {
        var admin = await app.AdminAsync();
        var bomb = TestZip.Bomb(Zeros.Value, 3);
        Assert.True(bomb.Length < 1000 * 1024, $"{bomb.Length} bytes");
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var refused = await (await admin.PostAsync("/api/indicators/values/import", Upload(bomb))).FieldErrorAsync("file");
        Assert.Contains("64 MB", Assert.Single(refused), StringComparison.Ordinal);
        // 900 MB unpacked would take seconds and (through MiniExcel) gigabytes; the directory alone takes milliseconds.
        Assert.True(watch.ElapsedMilliseconds < 5000, $"{watch.ElapsedMilliseconds} ms");
        Assert.True(GC.GetTotalAllocatedBytes(precise: false) - allocated < 256L * 1024 * 1024, "more than 256 MB allocated");

        var many = await (await admin.PostAsync("/api/indicators/values/import", Upload(TestZip.ManyEntries(6000)))).FieldErrorAsync("file");
        Assert.Contains("5000", Assert.Single(many), StringComparison.Ordinal);

        // A zip that is no workbook at all, and a workbook whose sheet declares a DTD (entity expansion).
        await (await admin.PostAsync("/api/indicators/values/import", Upload(TestZip.Build(TestZip.PackageParts("word/document.xml"))))).FieldErrorAsync("file");
        var laughs = TestZip.Text("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><x>&b;</x>");
        var doctype = await (await admin.PostAsync("/api/indicators/values/import", Upload(TestZip.Build([.. TestZip.PackageParts(), laughs])))).FieldErrorAsync("file");
        Assert.Contains("DOCTYPE", Assert.Single(doctype), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stranger_cannot_import_into_an_organization_it_cannot_see()
    {
        var admin = await app.AdminAsync();
        var org = await admin.CreateOrganizationAsync();
        var stranger = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        var response = await stranger.PostAsync("/api/indicators/values/import", Workbook([Row(Revenue, org.Name, "2019", 500)]));
        await response.FieldErrorAsync("row2.机构");
    }
}
