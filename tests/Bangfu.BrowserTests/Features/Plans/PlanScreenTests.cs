using Bangfu.BrowserTests.Infrastructure;
using Bangfu.BrowserTests.Pages;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Features.Plans;

public sealed class PlanScreenTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Trusteeship = "托管：攀枝花市中心医院托管盐源县人民医院";
    private const string PlanTitle = "盐源县人民医院托管“一院一策”";

    [Fact]
    public async Task The_demo_trusteeship_shows_its_plan_and_the_achieved_county_retention_goal()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserApp.AdminPassword);
        var list = new PlanListPage(page);
        await list.GotoAsync(Trusteeship);

        var plan = list.Plan(PlanTitle);
        await Assertions.Expect(plan).ToHaveCountAsync(1);
        await Assertions.Expect(plan.GetByTestId("plan-org")).ToContainTextAsync("盐源县人民医院");
        await Assertions.Expect(plan.GetByTestId("plan-focus")).ToContainTextAsync("重症医学科");
        var goal = PlanListPage.Goal(plan, "县域内就诊率达到90%");
        await Assertions.Expect(goal.GetByTestId("goal-status")).ToHaveTextAsync("已完成");
        await Assertions.Expect(goal.GetByTestId("goal-latest")).ToContainTextAsync("县域内就诊率");
        await Assertions.Expect(goal.GetByTestId("goal-latest")).ToContainTextAsync("91.32");
        await Assertions.Expect(plan.GetByTestId("task-row").Filter(new() { HasText = "重症医学科进入凉山州同级医院先进行列" }).GetByTestId("task-status"))
            .ToHaveTextAsync("已完成");
        await BrowserApp.ScreenshotAsync(page, "plans-desktop");
    }

    [Fact]
    public async Task A_coordinator_adds_a_milestone_goal_and_it_shows_after_a_reload()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var list = new PlanListPage(page);
        await list.GotoAsync(Trusteeship);
        var plan = list.Plan(PlanTitle);

        await list.OpenNewGoalFormAsync(plan);
        await list.GoalDeadline.FillAsync("");
        await list.SaveGoalAsync();
        await Assertions.Expect(list.GoalForm.GetByText("必填。").First).ToBeVisibleAsync();

        await list.GoalDescription.FillAsync("通过二级甲等综合医院复审");
        await list.GoalDeadline.FillAsync("2019-12-31");
        await list.SaveGoalAsync();
        await Assertions.Expect(list.GoalForm).ToBeHiddenAsync();

        await list.ReloadAsync();
        var goal = PlanListPage.Goal(list.Plan(PlanTitle), "通过二级甲等综合医院复审");
        await Assertions.Expect(goal).ToHaveCountAsync(1);
        await Assertions.Expect(goal.GetByTestId("goal-deadline")).ToContainTextAsync("2019-12-31");
        await Assertions.Expect(goal.GetByTestId("goal-status")).ToHaveTextAsync("已逾期");
    }

    [Fact]
    public async Task A_goal_saved_from_a_stale_form_shows_the_conflict_and_reloads()
    {
        var first = await app.NewPageAsync();
        await new LoginPage(first).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var mine = new PlanListPage(first);
        await mine.GotoAsync(Trusteeship);
        await mine.AddMilestoneAsync(mine.Plan(PlanTitle), "测试冲突里程碑", "2020-06-30");
        await mine.OpenEditGoalFormAsync(PlanListPage.Goal(mine.Plan(PlanTitle), "测试冲突里程碑"));

        var second = await app.NewPageAsync();
        await new LoginPage(second).SignInAsync("admin", BrowserApp.AdminPassword);
        var theirs = new PlanListPage(second);
        await theirs.GotoAsync(Trusteeship);
        await theirs.OpenEditGoalFormAsync(PlanListPage.Goal(theirs.Plan(PlanTitle), "测试冲突里程碑"));
        await theirs.GoalDeadline.FillAsync("2020-09-30");
        await theirs.SaveGoalAsync();
        await Assertions.Expect(theirs.GoalForm).ToBeHiddenAsync();

        await mine.GoalDeadline.FillAsync("2020-03-31");
        await mine.SaveGoalAsync();
        await Assertions.Expect(mine.GoalError).ToContainTextAsync("已被他人修改");
        await mine.GoalError.GetByTestId("reload").ClickAsync();
        await Assertions.Expect(mine.GoalForm).ToBeHiddenAsync();
        await Assertions.Expect(PlanListPage.Goal(mine.Plan(PlanTitle), "测试冲突里程碑").GetByTestId("goal-deadline")).ToContainTextAsync("2020-09-30");
    }

    [Fact]
    public async Task A_goal_is_deleted_after_confirming()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var list = new PlanListPage(page);
        await list.GotoAsync(Trusteeship);
        await list.AddMilestoneAsync(list.Plan(PlanTitle), "测试待删里程碑", "2020-06-30");

        await PlanListPage.Goal(list.Plan(PlanTitle), "测试待删里程碑").GetByTestId("goal-delete").ClickAsync();
        await new ConfirmDialog(page).ConfirmAsync();
        await Assertions.Expect(PlanListPage.Goal(list.Plan(PlanTitle), "测试待删里程碑")).ToHaveCountAsync(0);

        await list.ReloadAsync();
        await Assertions.Expect(PlanListPage.Goal(list.Plan(PlanTitle), "测试待删里程碑")).ToHaveCountAsync(0);
        await Assertions.Expect(PlanListPage.Goal(list.Plan(PlanTitle), "县域内就诊率达到90%")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_coordinator_adds_a_task_and_changes_its_status()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var list = new PlanListPage(page);
        await list.GotoAsync(Trusteeship);

        await list.Plan(PlanTitle).GetByTestId("task-add").ClickAsync();
        await Assertions.Expect(list.TaskForm).ToBeVisibleAsync();
        await list.TaskTitle.FillAsync("测试任务：开展超声科规范化培训");
        await list.ChooseInTaskFormAsync("责任科室", "超声科");
        await list.TaskDueDate.FillAsync("2019-06-30");
        await list.SaveTaskAsync();
        await Assertions.Expect(list.TaskForm).ToBeHiddenAsync();

        var task = PlanListPage.Task(list.Plan(PlanTitle), "测试任务：开展超声科规范化培训");
        await Assertions.Expect(task).ToContainTextAsync("超声科");
        await Assertions.Expect(task).ToContainTextAsync("2019-06-30");
        await Assertions.Expect(task.GetByTestId("task-status")).ToHaveTextAsync("未开始");

        await task.GetByTestId("task-edit").ClickAsync();
        await Assertions.Expect(list.TaskForm).ToBeVisibleAsync();
        await list.ChooseInTaskFormAsync("状态", "进行中");
        await list.SaveTaskAsync();
        await Assertions.Expect(list.TaskForm).ToBeHiddenAsync();

        await list.ReloadAsync();
        task = PlanListPage.Task(list.Plan(PlanTitle), "测试任务：开展超声科规范化培训");
        await Assertions.Expect(task.GetByTestId("task-status")).ToHaveTextAsync("进行中");
        await Assertions.Expect(task).ToContainTextAsync("超声科");
    }

    [Fact]
    public async Task A_plan_is_added_with_focus_specialties_and_deleted_after_confirming()
    {
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var list = new PlanListPage(page);
        await list.GotoAsync(Trusteeship);

        await page.GetByTestId("plan-add").ClickAsync();
        await Assertions.Expect(list.PlanForm).ToBeVisibleAsync();
        await list.PlanTitle.FillAsync("测试规划（2021—2023）");
        await list.PlanFrom.FillAsync("2023-01-01");
        await list.PlanTo.FillAsync("2021-01-01");
        await list.PlanFocus.FillAsync("超声科、眼科");
        await list.SavePlanAsync();
        await Assertions.Expect(list.PlanForm.GetByText("结束日期不能早于开始日期", new() { Exact = false })).ToBeVisibleAsync();

        await list.PlanFrom.FillAsync("2021-01-01");
        await list.PlanTo.FillAsync("2023-12-31");
        await list.SavePlanAsync();
        await Assertions.Expect(list.PlanForm).ToBeHiddenAsync();

        await list.ReloadAsync();
        var plan = list.Plan("测试规划（2021—2023）");
        await Assertions.Expect(plan.GetByTestId("plan-org")).ToContainTextAsync("盐源县人民医院");
        await Assertions.Expect(plan.GetByTestId("plan-focus")).ToContainTextAsync("超声科");
        await Assertions.Expect(plan.GetByTestId("plan-focus")).ToContainTextAsync("眼科");

        await plan.GetByTestId("plan-delete").ClickAsync();
        await new ConfirmDialog(page).ConfirmAsync();
        await Assertions.Expect(list.Plan("测试规划（2021—2023）")).ToHaveCountAsync(0);
        await list.ReloadAsync();
        await Assertions.Expect(list.Plan("测试规划（2021—2023）")).ToHaveCountAsync(0);
        await Assertions.Expect(list.Plan(PlanTitle)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Plans_fit_a_phone()
    {
        var page = await app.NewPageAsync(360, 780);
        await new LoginPage(page).SignInAsync("pzh.coord", BrowserApp.AdminPassword);
        var list = new PlanListPage(page);
        await list.GotoAsync(Trusteeship);
        await Assertions.Expect(list.Plans.First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "plans-phone");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the plans are wider than the phone");

        await list.OpenNewGoalFormAsync(list.Plan(PlanTitle));
        await BrowserApp.ScreenshotAsync(page, "plans-goal-form-phone");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the goal form is wider than the phone");
    }
}
