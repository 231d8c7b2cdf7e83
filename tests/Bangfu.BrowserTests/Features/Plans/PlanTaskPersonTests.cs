using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Plans;

public sealed class PlanTaskPersonTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    private const string PlanTitle = "盐源县人民医院托管“一院一策”";

    [Fact]
    public async Task A_coordinator_gives_a_task_to_a_person_of_the_hospital_and_deletes_it_after_confirming()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var list = new PlanListPage(page);
        await list.GotoAsync(Trusteeship);
        var plan = list.Plan(PlanTitle);
        await plan.GetByTestId("task-add").ClickAsync();
        await Assertions.Expect(list.TaskForm).ToBeVisibleAsync();
        await list.TaskTitle.FillAsync("测试任务：门诊预约诊疗全覆盖");
        await list.ChooseInTaskFormAsync("责任科室", "门诊部");
        await list.ChooseInTaskFormAsync("责任人", "阿木子哈（主治医师）");
        await BrowserApp.ScreenshotAsync(page, "plan-task-person");
        await list.SaveTaskAsync();
        await Assertions.Expect(list.TaskForm).ToBeHiddenAsync();

        var task = PlanListPage.Task(plan, "测试任务：门诊预约诊疗全覆盖");
        await Assertions.Expect(task.GetByTestId("task-responsible")).ToHaveTextAsync("责任科室/责任人：门诊部 / 阿木子哈");
        await list.ReloadAsync();
        await Assertions.Expect(task.GetByTestId("task-responsible")).ToContainTextAsync("阿木子哈");

        // The form shows the person chosen; dismissing the confirmation keeps the task, confirming deletes it.
        await task.GetByTestId("task-edit").ClickAsync();
        await Assertions.Expect(list.TaskForm.GetByLabel("责任人")).ToHaveValueAsync("阿木子哈（主治医师）");
        await list.TaskForm.GetByTestId("task-form-cancel").ClickAsync();
        await task.GetByTestId("task-delete").ClickAsync();
        await new ConfirmDialog(page).DismissAsync();
        await Assertions.Expect(task).ToHaveCountAsync(1);
        await task.GetByTestId("task-delete").ClickAsync();
        await new ConfirmDialog(page).ConfirmAsync();
        await Assertions.Expect(task).ToHaveCountAsync(0);
        await list.ReloadAsync();
        await Assertions.Expect(PlanListPage.Task(list.Plan(PlanTitle), "测试任务：门诊预约诊疗全覆盖")).ToHaveCountAsync(0);
        await Assertions.Expect(PlanListPage.Task(list.Plan(PlanTitle), "重症医学科进入凉山州同级医院先进行列")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "plan-task-deleted");
    }
}
