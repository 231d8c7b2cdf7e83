using Bangfu.Data;
using Bangfu.Features.Indicators;
using Bangfu.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Demo;

/// The figures and plans of the seed reports. Seed 004: 盐源县人民医院 2017 → 2018 (业务收入 10263 → 13452 万元,
/// 门急诊 26.2 → 31.6 万人次, 住院 17087 → 20293, 手术 3739 → 4354, 县域内就诊率 about 70% → over 90%), 2018
/// approved; its plan with the 县域内就诊率 ≥ 90% goal. Seed 000: 二级甲等 within two years, 三级 within five.
internal static class DemoIndicators
{
    public static async Task SeedAsync(AppDbContext db, DemoRegistry r)
    {
        var ids = await db.IndicatorDefinitions.ToDictionaryAsync(d => d.Code, d => d.Id);
        var yanyuan = r.Organizations["yanyuan"].Id;
        var at = new DateTimeOffset(2019, 1, 20, 2, 0, 0, TimeSpan.Zero);
        void Year(string code, int year, decimal value) => db.IndicatorValues.Add(new IndicatorValue
        {
            OrganizationId = yanyuan,
            IndicatorId = ids[code],
            PeriodType = PeriodType.Year,
            PeriodStart = new DateOnly(year, 1, 1),
            Value = value,
            Source = ValueSource.Entered,
            UpdatedAt = at,
            UpdatedBy = "demo",
        });
        (string Code, decimal Before, decimal After)[] figures =
        [
            (IndicatorCatalogue.Revenue, 10263m, 13452m),
            (IndicatorCatalogue.OutpatientVisits, 262000m, 316000m),
            (IndicatorCatalogue.Admissions, 17087m, 20293m),
            (IndicatorCatalogue.Surgeries, 3739m, 4354m),
            // 县域内就诊率 = inside ÷ all county residents' visits: 70.00% in 2017, 91.32% in 2018.
            (IndicatorCatalogue.CountyVisitsInside, 280000m, 347000m),
            (IndicatorCatalogue.CountyVisitsAll, 400000m, 380000m),
        ];
        foreach (var f in figures)
        {
            Year(f.Code, 2017, f.Before);
            Year(f.Code, 2018, f.After);
        }
        Year(IndicatorCatalogue.GraduatesRecruited, 2019, 32m);

        db.PeriodApprovals.Add(new PeriodApproval
        {
            OrganizationId = yanyuan,
            PeriodType = PeriodType.Year,
            PeriodStart = new DateOnly(2018, 1, 1),
            State = ApprovalState.Approved,
            Steps =
            [
                new ApprovalStep { From = ApprovalState.Open, To = ApprovalState.Submitted, By = "yy.coord", At = at },
                new ApprovalStep { From = ApprovalState.Submitted, To = ApprovalState.Approved, By = "sc.nhc", At = at.AddDays(10) },
            ],
        });

        var p004 = r.Partnerships["004"];
        db.Plans.Add(new Plan
        {
            PartnershipId = p004.Id,
            OrganizationId = yanyuan,
            Title = "盐源县人民医院托管“一院一策”",
            From = p004.StartDate,
            To = new DateOnly(2020, 12, 31),
            FocusSpecialties = ["重症医学科", "超声科", "耳鼻喉科", "眼科"],
            Goals =
            [
                new PlanGoal
                {
                    Kind = GoalKind.Indicator, Description = "县域内就诊率达到90%（大病不出县）", IndicatorCode = IndicatorCatalogue.CountyRetentionRate,
                    Comparator = RuleOperator.GreaterOrEqual, TargetValue = 90m, Deadline = new DateOnly(2020, 12, 31),
                },
            ],
            Tasks =
            [
                new PlanTask
                {
                    Title = "设立医院等级创建领导小组，分享等级评审经验并全院演练", ResponsibleDepartmentId = Dept(r, "yanyuan", "门诊部"),
                    ResponsiblePersonId = r.People["yanyuan-coord"].Id, DueDate = new DateOnly(2018, 12, 31), Status = PlanTaskStatus.Done,
                },
                new PlanTask
                {
                    Title = "重症医学科进入凉山州同级医院先进行列", ResponsibleDepartmentId = Dept(r, "yanyuan", "重症医学科"),
                    DueDate = new DateOnly(2019, 12, 31), Status = PlanTaskStatus.Done,
                },
            ],
        });

        var p000 = r.Partnerships["000"];
        db.Plans.Add(new Plan
        {
            PartnershipId = p000.Id,
            OrganizationId = r.Organizations["wuzhong"].Id,
            Title = "吴忠市妇幼保健院帮扶规划",
            From = p000.StartDate,
            To = p000.StartDate.AddYears(5).AddDays(-1),
            FocusSpecialties = ["行政管理", "等级医院创建", "儿童康复科", "女性康复", "乳腺科", "影像科"],
            Goals =
            [
                new PlanGoal { Kind = GoalKind.Milestone, Description = "两年内通过二级甲等妇幼保健院评审", Deadline = p000.StartDate.AddYears(2).AddDays(-1) },
                new PlanGoal { Kind = GoalKind.Milestone, Description = "五年内通过三级妇幼保健院评审", Deadline = p000.StartDate.AddYears(5).AddDays(-1) },
            ],
        });
        await db.SaveChangesAsync();
    }

    private static int Dept(DemoRegistry r, string org, string name) => r.Organizations[org].Departments.Single(d => d.Name == name).Id;
}
