using System.Net;
using Bangfu.Common;
using Bangfu.Features.Activities;
using Bangfu.Features.Indicators;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;
using static Bangfu.Features.Indicators.IndicatorCatalogue;

namespace Bangfu.IntegrationTests.Features.Partnerships;

/// Walks the table of ADR 0012: who may write a hospital's indicator values, submit its approval and record work
/// hosted there.
public sealed class WriteAuthorityTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    /// One row of the table: what the caller tries (a year for values and approval, a day for an activity) and what
    /// each write must answer: "ok", a status code, or "400:" and the field.
    private sealed record Row(string Caller, HttpClient Client, int Organization, int Partnership, int Year, DateOnly Day,
        string Values, string Submit, string Activity);

    [Fact]
    public async Task Each_caller_writes_a_hospitals_official_figures_exactly_as_the_table_says()
    {
        var admin = await app.AdminAsync();
        var giving = await admin.CreateOrganizationAsync(region: "330102");
        var host = await admin.CreateOrganizationAsync(region: "513423");
        var proposer = await admin.CreateOrganizationAsync(region: "330106");
        var stranger = await admin.CreateOrganizationAsync(region: "330110");
        var commissionOrg = await admin.CreateOrganizationAsync(Registry.Unique("四川省卫健委"), "510000", OrganizationKind.HealthCommission, HospitalGrade.Ungraded);
        var dept = await admin.CreateDepartmentAsync(host.Id, "普外科");
        var expert = await admin.CreatePersonAsync(giving.Id);
        var inForce = await (await admin.PostJsonAsync("/api/partnerships", Registry.NewPartnership(giving.Id, host.Id) with { EndDate = new DateOnly(2024, 12, 31) }))
            .ReadAsync<PartnershipDto>(HttpStatusCode.Created);
        var proposerAdmin = await app.OrgAdminAsync(admin, proposer.Id);
        var proposed = await (await proposerAdmin.PostJsonAsync("/api/partnerships", Registry.NewPartnership(proposer.Id, host.Id)))
            .ReadAsync<PartnershipDto>(HttpStatusCode.Created);
        Assert.Equal(ProposalState.Proposed, proposed.Proposal);
        var givingAdmin = await app.OrgAdminAsync(admin, giving.Id);
        var hostAdmin = await app.OrgAdminAsync(admin, host.Id);

        Row[] table =
        [
            new("system administrator", admin, host.Id, inForce.Id, 2023, new(2023, 2, 1), "ok", "ok", "ok"),
            new("host's own administrator, outside the partnership's dates", hostAdmin, host.Id, inForce.Id, 2025, new(2025, 3, 1), "ok", "ok", "ok"),
            new("giving partner within the dates", givingAdmin, host.Id, inForce.Id, 2024, new(2024, 3, 1), "ok", "ok", "ok"),
            new("giving partner outside the dates", givingAdmin, host.Id, inForce.Id, 2026, new(2025, 4, 1), "400:values[0].period", "400:period", "400:date"),
            new("partner of a proposal the host has not confirmed", proposerAdmin, host.Id, proposed.Id, 2024, new(2024, 5, 1), "404", "404", "400:partnershipId"),
            new("receiving side writing the giving side's figures", hostAdmin, giving.Id, inForce.Id, 2024, new(2024, 6, 1), "403", "403", "skip"),
            new("stranger", await app.OrgAdminAsync(admin, stranger.Id), host.Id, inForce.Id, 2024, new(2024, 7, 1), "404", "404", "400:partnershipId"),
            new("commission of the host's region", await app.UserAsync(admin, Roles.Commission, commissionOrg.Id), host.Id, inForce.Id, 2024, new(2024, 8, 1), "403", "403", "403"),
            new("read-only user of the host", await app.UserAsync(admin, Roles.ReadOnly, host.Id), host.Id, inForce.Id, 2024, new(2024, 9, 1), "403", "403", "403"),
        ];

        foreach (var row in table)
        {
            await ExpectAsync(row, "values", row.Values, await row.Client.PostValuesAsync(row.Organization, (Revenue, $"{row.Year}", 10m)));
            await ExpectAsync(row, "approval", row.Submit, await row.Client.ApprovalAsync(row.Organization, $"{row.Year}", ApprovalAction.Submit));
            if (row.Activity != "skip")
                await ExpectAsync(row, "activity", row.Activity, await row.Client.PostJsonAsync("/api/activities",
                    new SaveActivityRequest(row.Partnership, host.Id, dept.Id, null, expert.Id, ActivityKind.Surgery, row.Day, 1, ActivityUnit.Tai, 0)));
        }

        // Exactly the "ok" rows wrote something.
        var written = (await admin.ValuesAsync(host.Id, "2023", "2026", Revenue)).Select(v => v.Period).Order().ToList();
        Assert.Equal(["2023", "2024", "2025"], written);
        var activities = await (await admin.GetAsync($"/api/activities?partnershipId={inForce.Id}")).ReadAsync<Page<ActivityDto>>();
        Assert.Equal(3, activities.Total);
        Assert.Empty(await admin.ValuesAsync(giving.Id, "2024", code: Revenue));
    }

    private static async Task ExpectAsync(Row row, string write, string expected, HttpResponseMessage response)
    {
        var because = $"{row.Caller} / {write}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        if (expected == "ok")
        {
            Assert.True(response.IsSuccessStatusCode, because);
            return;
        }
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (expected.StartsWith("400:", StringComparison.Ordinal))
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]?[expected[4..]] is not null, because);
            return;
        }
        Assert.True((int)response.StatusCode == int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), because);
    }
}
