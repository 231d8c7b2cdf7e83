using System.Net;
using Bangfu.Features.Indicators;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using static Bangfu.Features.Indicators.IndicatorCatalogue;

namespace Bangfu.IntegrationTests.Features.Indicators;

public sealed class IndicatorDefinitionTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SaveIndicatorDefinitionRequest Formula(string code, string numerator, string denominator) =>
        new(code, "比例" + code, "Ratio " + code, "%", IndicatorValueType.Percent, PeriodType.Year, IndicatorDirection.HigherIsBetter,
            NumeratorCode: numerator, DenominatorCode: denominator, Factor: 100m);

    [Fact]
    public async Task The_catalogue_is_shipped_and_administrators_add_formulas_over_it()
    {
        var admin = await app.AdminAsync();
        var all = await (await admin.GetAsync("/api/indicators/definitions")).ReadAsync<IReadOnlyList<IndicatorDefinitionDto>>();
        Assert.Contains(all, d => d.Code == CountyRetentionRate && d.Kind == IndicatorKind.Formula && d.Factor == 100m && d.NameZh == "县域内就诊率");
        Assert.Contains(all, d => d.Code == StationedMidLevelExperts && d.Kind == IndicatorKind.Computed);
        Assert.All(all, d => Assert.True(d.IsBuiltIn));

        var code = Registry.Unique("ADM_PER_SURG_").ToUpperInvariant();
        var created = await (await admin.PostJsonAsync("/api/indicators/definitions", Formula(code, Admissions, Surgeries))).ReadAsync<IndicatorDefinitionDto>(HttpStatusCode.Created);
        var org = await admin.CreateOrganizationAsync();
        await admin.SaveValuesAsync(org.Id, (Admissions, "2021", 50m), (Surgeries, "2021", 200m));
        Assert.Equal(25m, (await admin.ValuesAsync(org.Id, "2021", code: code)).Single().Value);

        await (await admin.PostJsonAsync("/api/indicators/definitions", Formula(code, Admissions, Surgeries))).FieldErrorAsync("code");
        await (await admin.PostJsonAsync("/api/indicators/definitions", Formula(code + "X", "NOPE", Surgeries))).FieldErrorAsync("numeratorCode");
        // A formula that would lead back to itself through another.
        var outer = await (await admin.PostJsonAsync("/api/indicators/definitions", Formula(code + "_OUTER", code, Surgeries))).ReadAsync<IndicatorDefinitionDto>(HttpStatusCode.Created);
        await (await admin.PutJsonAsync($"/api/indicators/definitions/{created.Id}", Formula(code, outer.Code, Surgeries) with { Version = created.Version }))
            .FieldErrorAsync("numeratorCode");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/indicators/definitions/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/indicators/definitions/{outer.Id}")).StatusCode);
    }

    [Fact]
    public async Task Built_ins_are_renamed_but_never_deleted_and_only_administrators_define()
    {
        var admin = await app.AdminAsync();
        var all = await (await admin.GetAsync("/api/indicators/definitions")).ReadAsync<IReadOnlyList<IndicatorDefinitionDto>>();
        var los = all.Single(d => d.Code == AverageLengthOfStay);
        var renamed = await (await admin.PutJsonAsync($"/api/indicators/definitions/{los.Id}", new SaveIndicatorDefinitionRequest(los.Code, "平均住院天数", "ALOS", "天",
            IndicatorValueType.Integer, PeriodType.Year, IndicatorDirection.HigherIsBetter, Target: 8m, Version: los.Version))).ReadAsync<IndicatorDefinitionDto>();
        Assert.Equal("平均住院天数", renamed.NameZh);
        Assert.Equal(8m, renamed.Target);
        Assert.Equal(IndicatorValueType.Number, renamed.ValueType);
        Assert.Equal(IndicatorDirection.LowerIsBetter, renamed.Direction);
        await (await admin.DeleteAsync($"/api/indicators/definitions/{los.Id}")).ProblemAsync(HttpStatusCode.Conflict);

        var orgAdmin = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        await (await orgAdmin.PostJsonAsync("/api/indicators/definitions", Formula("MINE", Admissions, Surgeries))).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
