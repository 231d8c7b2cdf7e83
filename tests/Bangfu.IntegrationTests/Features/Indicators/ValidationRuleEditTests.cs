using System.Net;
using Bangfu.Common;
using Bangfu.Features.Indicators;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using static Bangfu.Features.Indicators.IndicatorCatalogue;

namespace Bangfu.IntegrationTests.Features.Indicators;

public sealed class ValidationRuleEditTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static SaveValidationRuleRequest Rule(string name) => new(name, name + " (en)", Surgeries, ">=", "", 200m);

    [Fact]
    public async Task An_administrator_edits_a_rule_and_the_new_rule_warns_then_deletes_it()
    {
        var admin = await app.AdminAsync();
        var name = Registry.Unique("手术台次下限");
        var rule = await (await admin.PostJsonAsync("/api/indicators/rules", Rule(name))).ReadAsync<ValidationRuleDto>(HttpStatusCode.Created);

        var edited = await (await admin.PutJsonAsync($"/api/indicators/rules/{rule.Id}",
                new SaveValidationRuleRequest(name + "（改）", "edited", Admissions, "<=", Discharges, 0m, 5m, rule.Version)))
            .ReadAsync<ValidationRuleDto>();
        Assert.Equal((name + "（改）", Admissions, "<=", Discharges, 5m), (edited.NameZh, edited.LeftCode, edited.Operator, edited.RightCodes, edited.Tolerance));
        Assert.NotEqual(rule.Version, edited.Version);
        var listed = Assert.Single(await (await admin.GetAsync("/api/indicators/rules")).ReadAsync<IReadOnlyList<ValidationRuleDto>>(), r => r.Id == rule.Id);
        Assert.Equal(edited, listed);

        // The edited rule is the one that warns: 100 admissions against 90 discharges, beyond the tolerance of 5.
        var org = await admin.CreateOrganizationAsync();
        var saved = await (await admin.PostJsonAsync("/api/indicators/values", new SaveValuesRequest(org.Id,
            [new ValueEntry(Admissions, "2021", 100m), new ValueEntry(Discharges, "2021", 90m)]))).ReadAsync<SaveValuesResult>();
        Assert.Contains(saved.Warnings, w => w.RuleId == rule.Id);

        // A stale version is a conflict, for an edit and for a delete; nothing changes.
        await (await admin.PutJsonAsync($"/api/indicators/rules/{rule.Id}", Rule(name) with { Version = rule.Version })).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync($"/api/indicators/rules/{rule.Id}?version={rule.Version}")).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync($"/api/indicators/rules/{rule.Id}")).FieldErrorAsync("version");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/indicators/rules/{rule.Id}?version={edited.Version}")).StatusCode);
        Assert.DoesNotContain(await (await admin.GetAsync("/api/indicators/rules")).ReadAsync<IReadOnlyList<ValidationRuleDto>>(), r => r.Id == rule.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/indicators/rules/{rule.Id}?version={edited.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutJsonAsync($"/api/indicators/rules/{rule.Id}", Rule(name) with { Version = edited.Version })).StatusCode);
    }

    [Fact]
    public async Task Built_in_rules_keep_what_they_compare_and_are_not_deleted()
    {
        var admin = await app.AdminAsync();
        var builtIn = (await (await admin.GetAsync("/api/indicators/rules")).ReadAsync<IReadOnlyList<ValidationRuleDto>>()).First(r => r.IsBuiltIn);
        var edited = await (await admin.PutJsonAsync($"/api/indicators/rules/{builtIn.Id}",
                new SaveValidationRuleRequest("改名的内置规则", "Renamed built-in", Surgeries, ">", "", 1m, 80m, builtIn.Version)))
            .ReadAsync<ValidationRuleDto>();
        Assert.Equal(("改名的内置规则", 80m), (edited.NameZh, edited.Tolerance));
        Assert.Equal((builtIn.LeftCode, builtIn.Operator, builtIn.RightCodes), (edited.LeftCode, edited.Operator, edited.RightCodes));
        await (await admin.DeleteAsync($"/api/indicators/rules/{builtIn.Id}?version={edited.Version}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Only_system_administrators_change_rules_and_bad_input_gets_field_errors()
    {
        var admin = await app.AdminAsync();
        var rule = await (await admin.PostJsonAsync("/api/indicators/rules", Rule(Registry.Unique("规则")))).ReadAsync<ValidationRuleDto>(HttpStatusCode.Created);
        var coordinator = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        await (await coordinator.PutJsonAsync($"/api/indicators/rules/{rule.Id}", Rule("x") with { Version = rule.Version })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await coordinator.DeleteAsync($"/api/indicators/rules/{rule.Id}?version={rule.Version}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await coordinator.PostJsonAsync("/api/indicators/rules", Rule("x"))).ProblemAsync(HttpStatusCode.Forbidden);
        var commission = await app.UserAsync(admin, Roles.Commission, (await admin.CreateOrganizationAsync(region: "510000",
            kind: Bangfu.Features.Organizations.OrganizationKind.HealthCommission)).Id);
        await (await commission.DeleteAsync($"/api/indicators/rules/{rule.Id}?version={rule.Version}")).ProblemAsync(HttpStatusCode.Forbidden);

        var errors = await (await admin.PutJsonAsync($"/api/indicators/rules/{rule.Id}",
            new SaveValidationRuleRequest("", "x", "NOPE", "~", "ALSO_NOPE", Tolerance: -1m, Version: rule.Version))).ProblemAsync(HttpStatusCode.BadRequest);
        var fields = errors["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "nameZh", "leftCode", "operator", "rightCodes", "tolerance" }, fields);
        await (await admin.PutJsonAsync($"/api/indicators/rules/{rule.Id}", Rule("x"))).FieldErrorAsync("version");
        // Nothing of the rejected edits was written.
        Assert.Equal(rule, Assert.Single(await (await admin.GetAsync("/api/indicators/rules")).ReadAsync<IReadOnlyList<ValidationRuleDto>>(), r => r.Id == rule.Id));
    }
}
