using System.Net;
using Bangfu.Features.Activities;
using Bangfu.Features.Techniques;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Techniques;

public sealed class TechniqueTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    [Fact]
    public async Task A_technique_counts_the_work_linked_to_it()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var request = new SaveTechniqueRequest(s.PartnershipId, s.SupportedId, s.HostDepartmentId, "肩关节镜手术", 3, new DateOnly(2022, 3, 1), s.ExpertId, GapLevel.Hospital);
        var technique = await (await admin.PostJsonAsync("/api/techniques", request)).ReadAsync<TechniqueDto>(HttpStatusCode.Created);
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2022, 3, 1), 1, ActivityUnit.Li) with { TechniqueId = technique.Id });
        await admin.CreateActivityAsync(s.Activity(ActivityKind.Surgery, new DateOnly(2022, 4, 1), 2, ActivityUnit.Li) with { TechniqueId = technique.Id });
        var back = await (await admin.GetAsync($"/api/techniques/{technique.Id}")).ReadAsync<TechniqueDto>();
        Assert.Equal(3, back.TimesPerformed);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/techniques/{technique.Id}")).StatusCode);
    }

    [Fact]
    public async Task Rejects_a_surgical_grade_outside_one_to_four_and_an_unknown_gap_level()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var request = new SaveTechniqueRequest(s.PartnershipId, s.SupportedId, null, "白内障摘除", 5, new DateOnly(2018, 1, 1), null, GapLevel.County);
        await (await admin.PostJsonAsync("/api/techniques", request)).FieldErrorAsync("surgicalGrade");
        await (await admin.PostJsonAsync("/api/techniques", request with { SurgicalGrade = 2, GapLevel = (GapLevel)9 })).FieldErrorAsync("gapLevel");
    }
}
