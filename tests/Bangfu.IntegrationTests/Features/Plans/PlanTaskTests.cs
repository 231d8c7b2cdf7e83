using System.Net;
using Bangfu.Features.Plans;
using Bangfu.IntegrationTests.Infrastructure;
using Bangfu.IntegrationTests.TestData;

namespace Bangfu.IntegrationTests.Features.Plans;

public sealed class PlanTaskTests(BangfuApp app) : IClassFixture<BangfuApp>
{
    private static readonly int Year = TimeProvider.System.GetUtcNow().Year;

    private static async Task<PlanDto> CreatePlanAsync(HttpClient client, LedgerSetup s) =>
        await (await client.PostJsonAsync("/api/plans", new SavePlanRequest(s.PartnershipId, s.SupportedId, "一院一策", new DateOnly(Year, 1, 1),
            new DateOnly(Year + 1, 12, 31)))).ReadAsync<PlanDto>(HttpStatusCode.Created);

    [Fact]
    public async Task A_task_names_a_person_of_its_department_and_the_person_can_change()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var plan = await CreatePlanAsync(admin, s);
        var nurse = await admin.CreatePersonAsync(s.SupportedId, s.HostDepartmentId, name: "护士长甲");
        var head = await admin.CreatePersonAsync(s.SupportedId, s.HostDepartmentId, name: "科主任乙");
        var withTask = await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/tasks", new SavePlanTaskRequest("建立护理质控小组", s.HostDepartmentId, nurse.Id)))
            .ReadAsync<PlanDto>();
        var task = Assert.Single(withTask.Tasks);
        Assert.Equal((nurse.Id, "护士长甲", "重症医学科"), (task.ResponsiblePersonId!.Value, task.ResponsiblePersonName, task.ResponsibleDepartmentName));

        var changed = await (await admin.PutJsonAsync($"/api/plans/{plan.Id}/tasks/{task.Id}",
            new SavePlanTaskRequest("建立护理质控小组", s.HostDepartmentId, head.Id, Version: task.Version))).ReadAsync<PlanDto>();
        Assert.Equal("科主任乙", changed.Tasks.Single().ResponsiblePersonName);

        // Somebody of another department of the hospital is not the department's responsible person; nobody outside the partnership is.
        var surgery = await admin.CreateDepartmentAsync(s.SupportedId, "普外科");
        var surgeon = await admin.CreatePersonAsync(s.SupportedId, surgery.Id);
        var current = changed.Tasks.Single();
        await (await admin.PutJsonAsync($"/api/plans/{plan.Id}/tasks/{current.Id}",
            new SavePlanTaskRequest("建立护理质控小组", s.HostDepartmentId, surgeon.Id, Version: current.Version))).FieldErrorAsync("responsiblePersonId");
        var stranger = await admin.CreatePersonAsync((await admin.CreateOrganizationAsync()).Id);
        await (await admin.PostJsonAsync($"/api/plans/{plan.Id}/tasks", new SavePlanTaskRequest("x", null, stranger.Id))).FieldErrorAsync("responsiblePersonId");
        Assert.Equal("科主任乙", Assert.Single((await (await admin.GetAsync($"/api/plans/{plan.Id}")).ReadAsync<PlanDto>()).Tasks).ResponsiblePersonName);
    }

    [Fact]
    public async Task A_task_is_deleted_with_its_current_version_only()
    {
        var admin = await app.AdminAsync();
        var s = await WorkLedger.SetUpAsync(admin);
        var coordinator = await app.OrgAdminAsync(admin, s.SupportingId);
        var plan = await CreatePlanAsync(coordinator, s);
        var first = Assert.Single((await (await coordinator.PostJsonAsync($"/api/plans/{plan.Id}/tasks", new SavePlanTaskRequest("任务一")))
            .ReadAsync<PlanDto>()).Tasks);
        var both = await (await coordinator.PostJsonAsync($"/api/plans/{plan.Id}/tasks", new SavePlanTaskRequest("任务二"))).ReadAsync<PlanDto>();
        var second = both.Tasks.Single(t => t.Title == "任务二");
        var edited = (await (await coordinator.PutJsonAsync($"/api/plans/{plan.Id}/tasks/{first.Id}",
            new SavePlanTaskRequest("任务一（改）", Version: first.Version))).ReadAsync<PlanDto>()).Tasks.Single(t => t.Id == first.Id);

        var url = $"/api/plans/{plan.Id}/tasks/{first.Id}";
        await (await coordinator.DeleteAsync($"{url}?version={first.Version}")).ProblemAsync(HttpStatusCode.Conflict);
        await (await coordinator.DeleteAsync(url)).FieldErrorAsync("version");
        var stranger = await app.OrgAdminAsync(admin, (await admin.CreateOrganizationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"{url}?version={edited.Version}")).StatusCode);
        var readOnly = await app.UserAsync(admin, Bangfu.Common.Roles.ReadOnly, s.SupportedId);
        await (await readOnly.DeleteAsync($"{url}?version={edited.Version}")).ProblemAsync(HttpStatusCode.Forbidden);
        // A task of another plan is not found under this one.
        var other = await CreatePlanAsync(admin, await WorkLedger.SetUpAsync(admin));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/plans/{other.Id}/tasks/{first.Id}?version={edited.Version}")).StatusCode);
        Assert.Equal(2, (await (await admin.GetAsync($"/api/plans/{plan.Id}")).ReadAsync<PlanDto>()).Tasks.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"{url}?version={edited.Version}")).StatusCode);
        Assert.Equal(second.Id, Assert.Single((await (await admin.GetAsync($"/api/plans/{plan.Id}")).ReadAsync<PlanDto>()).Tasks).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.DeleteAsync($"{url}?version={edited.Version}")).StatusCode);
    }
}
