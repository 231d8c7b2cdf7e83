using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bangfu.BrowserTests.Pages;

public sealed class PlanListPage(IPage page)
{
    /// Opens the plans (一院一策) from the partnership's detail page, the way a coordinator does.
    public async Task GotoAsync(string partnershipName)
    {
        await new PartnershipDetailPage(page).GotoAsync(partnershipName);
        await page.GetByTestId("ptn-plans").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex("^(一院一策|Plans)$"));
        await LoginPage.WaitForInteractiveAsync(page);
    }

    public ILocator Plans => page.GetByTestId("plan-card");

    public ILocator Plan(string title) => Plans.Filter(new() { Has = page.GetByTestId("plan-title").GetByText(title, new() { Exact = true }) });

    public static ILocator Goal(ILocator plan, string description) =>
        plan.GetByTestId("goal-row").Filter(new() { Has = plan.Page.GetByTestId("goal-description").GetByText(description) });

    public ILocator GoalForm => page.GetByTestId("goal-form");

    public ILocator GoalDescription => GoalForm.GetByLabel(new Regex("^(目标描述|Description)"));

    public ILocator GoalDeadline => GoalForm.GetByLabel(new Regex("^(期限|Deadline)"));

    public async Task OpenNewGoalFormAsync(ILocator plan)
    {
        await plan.GetByTestId("goal-add").ClickAsync();
        await Assertions.Expect(GoalForm).ToBeVisibleAsync();
    }

    public async Task AddMilestoneAsync(ILocator plan, string description, string deadline)
    {
        await OpenNewGoalFormAsync(plan);
        await GoalDescription.FillAsync(description);
        await GoalDeadline.FillAsync(deadline);
        await SaveGoalAsync();
        await Assertions.Expect(GoalForm).ToBeHiddenAsync();
        await Assertions.Expect(Goal(plan, description)).ToHaveCountAsync(1);
    }

    public async Task OpenEditGoalFormAsync(ILocator goal)
    {
        await goal.GetByTestId("goal-edit").ClickAsync();
        await Assertions.Expect(GoalForm).ToBeVisibleAsync();
    }

    public ILocator GoalError => GoalForm.GetByTestId("form-error");

    public ILocator PlanForm => page.GetByTestId("plan-form");

    public ILocator PlanTitle => PlanForm.GetByLabel(new Regex("^(规划名称|Plan title)"));

    public ILocator PlanFrom => PlanForm.GetByLabel(new Regex("^(开始日期|From)"));

    public ILocator PlanTo => PlanForm.GetByLabel(new Regex("^(结束日期|To)"));

    public ILocator PlanFocus => PlanForm.GetByLabel(new Regex("^(重点专科|Focus specialties)"));

    public Task SavePlanAsync() => PlanForm.GetByTestId("plan-save").ClickAsync();

    public ILocator TaskForm => page.GetByTestId("task-form");

    public ILocator TaskTitle => TaskForm.GetByLabel(new Regex("^(任务|Task)"));

    public ILocator TaskDueDate => TaskForm.GetByLabel(new Regex("^(完成时限|Due date)"));

    public static ILocator Task(ILocator plan, string title) => plan.GetByTestId("task-row").Filter(new() { HasText = title });

    /// Picks an option of a MudSelect in the task form by the select's label and the option's text.
    public async Task ChooseInTaskFormAsync(string label, string option)
    {
        await TaskForm.GetByLabel(new Regex("^" + Regex.Escape(label))).ClickAsync();
        var item = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        await Assertions.Expect(item).ToBeHiddenAsync();
    }

    public Task SaveTaskAsync() => TaskForm.GetByTestId("task-save").ClickAsync();

    public Task SaveGoalAsync() => GoalForm.GetByTestId("goal-save").ClickAsync();

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await LoginPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(Plans.First).ToBeVisibleAsync();
    }
}
