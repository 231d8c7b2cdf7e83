using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Courses;
using Bangfu.Features.Dispatches;
using Bangfu.Features.ExpertDays;
using Bangfu.Features.Meetings;
using Bangfu.Features.Organizations;
using Bangfu.Features.People;
using Bangfu.Features.Techniques;
using Bangfu.Features.Trainees;

namespace Bangfu.Features.Demo;

/// The work the seed reports describe, entered so that counting it reproduces their figures (seed 002: since 2022
/// 15 experts, 23 surgical demonstrations, 68 teaching rounds, 40 lectures, 2,972 outpatient visits, 147 surgeries;
/// seed 004: 7 stationed experts, 50 short visits, 33 lectures, 45 teaching rounds, 23 surgical guidance sessions,
/// 210 cataract operations, the monthly expert day from 2018-06, 20 trainees a year; seed 000: the July 2022 week).
/// Where a report gives a total only, it is spread evenly over the months; every person is fictional.
internal sealed class DemoWorkLedger
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "孙", "朱", "胡", "郭", "林", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "邓", "曹", "彭", "曾", "田", "董", "潘", "蔡"];
    private static readonly string[] GivenNames = ["志远", "晓东", "雅琴", "建华", "丽娟", "文涛", "海燕", "明轩", "婉清", "国栋", "秀英", "宏伟", "佳怡", "子豪", "春梅", "立新", "雪莹", "振宇", "慧敏", "永康", "欣然", "家豪", "静雯", "浩然", "玉兰", "俊杰", "梦瑶", "天宇", "淑华", "思雨", "锦程"];
    // Names that appear in the seed reports: the demo never reuses them.
    private static readonly HashSet<string> RealNames = ["周哲", "徐海燕", "杨海涛", "施庆喜", "邵亚玲", "白继庚", "于雁玲", "马荣伟", "全仁夫", "蒋加强", "周爱芬", "周洁琼", "王建岳", "裴静波", "朱国香", "周立锋", "吴小燕", "叶权祖", "钟王平"];

    private readonly AppDbContext _db;
    private readonly DemoRegistry _r;
    private readonly List<Activity> _activities = [];
    private int _nameIndex;

    private DemoWorkLedger(AppDbContext db, DemoRegistry registry)
    {
        _db = db;
        _r = registry;
    }

    public static async Task SeedAsync(AppDbContext db, DemoRegistry registry)
    {
        var ledger = new DemoWorkLedger(db, registry);
        ledger.Seed000();
        ledger.Seed001();
        ledger.Seed002();
        ledger.Seed003();
        ledger.Seed004();
        await db.SaveChangesAsync();
        // Activities linked to a technique were saved with it; the rest go now.
        db.Activities.AddRange(ledger._activities.Where(a => db.Entry(a).State == Microsoft.EntityFrameworkCore.EntityState.Detached));
        await db.SaveChangesAsync();
        // The rollup of the demo rows, summed here from the rows just written rather than read back.
        db.ActivityMonthly.AddRange(ledger._activities
            .GroupBy(a => (a.PartnershipId, a.HostOrganizationId, a.Kind, Month: Activity.MonthOf(a.Date)))
            .Select(g => new ActivityMonthly
            {
                PartnershipId = g.Key.PartnershipId,
                HostOrganizationId = g.Key.HostOrganizationId,
                Kind = g.Key.Kind,
                Month = g.Key.Month,
                Quantity = g.Sum(a => (long)a.Quantity),
                Attendees = g.Sum(a => (long)a.Attendees),
                Entries = g.Count(),
            }));
        await db.SaveChangesAsync();
    }

    private Organization Org(string key) => _r.Organizations[key];

    private int PartnershipId(string seed) => _r.Partnerships[seed].Id;

    private Department Dept(string org, string name) => Org(org).Departments.Single(d => d.Name == name);

    private string NextName()
    {
        while (true)
        {
            var i = _nameIndex++;
            var name = Surnames[i % Surnames.Length] + GivenNames[i / Surnames.Length % GivenNames.Length];
            if (!RealNames.Contains(name))
                return name;
        }
    }

    private Person NewPerson(string org, string dept, string title, TitleLevel level, string? specialty = null)
    {
        var p = new Person { OrganizationId = Org(org).Id, DepartmentId = Dept(org, dept).Id, Name = NextName(), Title = title, TitleLevel = level, Specialty = specialty ?? dept };
        _db.People.Add(p);
        return p;
    }

    private Dispatch NewDispatch(string seed, Person expert, string host, string? hostDept, int? batch, DispatchMode mode, DispatchRole role, DateOnly start, DateOnly end)
    {
        var d = new Dispatch
        {
            PartnershipId = PartnershipId(seed),
            Expert = expert,
            HostOrganizationId = Org(host).Id,
            HostDepartmentId = hostDept is null ? null : Dept(host, hostDept).Id,
            Batch = batch,
            Mode = mode,
            Role = role,
            StartDate = start,
            EndDate = end,
            PlannedEndDate = end,
        };
        _db.Dispatches.Add(d);
        return d;
    }

    private Activity Act(string seed, string host, ActivityKind kind, DateOnly date, int quantity, ActivityUnit unit, int attendees = 0, bool online = false,
        string? subject = null, bool monthly = false, Dispatch? dispatch = null, Person? expert = null, Technique? technique = null)
    {
        var a = new Activity
        {
            PartnershipId = PartnershipId(seed),
            HostOrganizationId = Org(host).Id,
            Kind = kind,
            Date = monthly ? new DateOnly(date.Year, date.Month, 1) : date,
            IsMonthlyTotal = monthly,
            Quantity = quantity,
            Unit = unit,
            Attendees = attendees,
            IsOnline = online,
            Subject = subject,
            Dispatch = dispatch,
            Expert = expert ?? dispatch?.Expert,
        };
        if (technique is not null)
            technique.Uses.Add(a);
        _activities.Add(a);
        return a;
    }

    /// A total spread over consecutive months, the remainder going to the first months.
    private static IEnumerable<(DateOnly Month, int Amount)> Spread(int total, DateOnly firstMonth, int months)
    {
        for (var i = 0; i < months; i++)
        {
            var amount = total / months + (i < total % months ? 1 : 0);
            if (amount > 0)
                yield return (firstMonth.AddMonths(i), amount);
        }
    }

    private Technique NewTechnique(string seed, string host, string? dept, string name, int? grade, DateOnly first, Person? by, GapLevel gap, string? description = null)
    {
        var t = new Technique
        {
            PartnershipId = PartnershipId(seed),
            HostOrganizationId = Org(host).Id,
            DepartmentId = dept is null ? null : Dept(host, dept).Id,
            Name = name,
            SurgicalGrade = grade,
            FirstPerformedOn = first,
            IntroducedBy = by,
            GapLevel = gap,
            Description = description,
        };
        _db.Techniques.Add(t);
        return t;
    }

    // Seed 000: four batches of about twenty experts; the week of 3–9 July 2022; three online trainings in June; the review meeting.
    private void Seed000()
    {
        var gyn = _r.People["east-gyn"];
        var child = _r.People["east-child"];
        string[] depts = ["妇产科", "儿童保健科", "医务处", "药剂科"];
        var starts = new[] { new DateOnly(2020, 10, 12), new DateOnly(2021, 4, 12), new DateOnly(2021, 10, 11), new DateOnly(2022, 4, 11) };
        for (var batch = 1; batch <= 4; batch++)
        {
            var size = batch == 4 ? 3 : 5;
            for (var i = 0; i < size; i++)
            {
                var expert = NewPerson("east", depts[i % depts.Length], i % 2 == 0 ? "副主任医师" : "主任医师", i % 2 == 0 ? TitleLevel.AssociateSenior : TitleLevel.Senior);
                NewDispatch("000", expert, "wuzhong", null, batch, DispatchMode.ShortVisit, DispatchRole.Expert, starts[batch - 1], starts[batch - 1].AddDays(11));
            }
        }
        var gynVisit = NewDispatch("000", gyn, "wuzhong", "妇产科", 4, DispatchMode.ShortVisit, DispatchRole.Expert, new DateOnly(2022, 7, 3), new DateOnly(2022, 7, 9));
        var childVisit = NewDispatch("000", child, "wuzhong", "儿童康复科", 4, DispatchMode.ShortVisit, DispatchRole.Expert, new DateOnly(2022, 7, 3), new DateOnly(2022, 7, 9));

        var hysteroscopy = NewTechnique("000", "wuzhong", "妇产科", "宫腔镜手术", 2, new DateOnly(2022, 7, 4), gyn, GapLevel.Hospital, "填补吴忠市妇幼保健院微创手术空白");
        var laparoscopy = NewTechnique("000", "wuzhong", "妇产科", "腹腔镜手术", 3, new DateOnly(2022, 7, 5), gyn, GapLevel.Hospital, "填补吴忠市妇幼保健院微创手术空白");
        int[] hysteroscopyDays = [4, 4, 5, 6, 6, 7, 8, 8];
        foreach (var day in hysteroscopyDays)
            Act("000", "wuzhong", ActivityKind.Surgery, new DateOnly(2022, 7, day), 1, ActivityUnit.Tai, subject: "宫腔镜手术", dispatch: gynVisit, technique: hysteroscopy);
        foreach (var day in new[] { 5, 7, 9 })
            Act("000", "wuzhong", ActivityKind.Surgery, new DateOnly(2022, 7, day), 1, ActivityUnit.Tai, subject: "腹腔镜手术", dispatch: gynVisit, technique: laparoscopy);
        Act("000", "wuzhong", ActivityKind.Surgery, new DateOnly(2022, 7, 8), 1, ActivityUnit.Li, subject: "子宫全切手术", dispatch: gynVisit);
        Act("000", "wuzhong", ActivityKind.Screening, new DateOnly(2022, 7, 6), 30, ActivityUnit.Ren, subject: "高危儿评估检查", dispatch: childVisit);
        Act("000", "wuzhong", ActivityKind.ManagementGuidance, new DateOnly(2022, 7, 7), 1, ActivityUnit.Ci, subject: "高危儿管理体系、儿童健康管理门诊、预防接种门诊", dispatch: childVisit);

        Act("000", "wuzhong", ActivityKind.Lecture, new DateOnly(2022, 6, 1), 1, ActivityUnit.Chang, 102, online: true, subject: "乳腺钼靶检查工作规范", expert: gyn);
        Act("000", "wuzhong", ActivityKind.Lecture, new DateOnly(2022, 6, 8), 1, ActivityUnit.Chang, 98, online: true, subject: "病案管理专场培训", expert: _r.People["east-coord"]);
        Act("000", "wuzhong", ActivityKind.Lecture, new DateOnly(2022, 6, 24), 1, ActivityUnit.Chang, 105, online: true, subject: "妊娠期甲状腺疾病、糖尿病管理", expert: gyn);

        var pharmacist = NewPerson("wuzhong", "药房", "主管药师", TitleLevel.Intermediate, "药事管理");
        var mentor = NewPerson("east", "药剂科", "副主任药师", TitleLevel.AssociateSenior, "临床药学");
        _db.Trainees.Add(new Trainee
        {
            PartnershipId = PartnershipId("000"),
            Person = pharmacist,
            Kind = TraineeKind.FurtherStudy,
            HostOrganizationId = Org("east").Id,
            HostDepartmentId = Dept("east", "药剂科").Id,
            Mentor = mentor,
            StartDate = new DateOnly(2022, 3, 1),
            EndDate = new DateOnly(2022, 5, 31),
            Outcome = TraineeOutcome.Passed,
            TeachesAfterReturn = "回院后优化门诊取药流程、完善药房信息化建设、加强药师队伍建设",
        });

        var meeting = new Meeting
        {
            PartnershipId = PartnershipId("000"),
            Title = "2022年度东西部对口支援工作视频会",
            Kind = MeetingKind.VideoConference,
            HeldOn = new DateOnly(2022, 7, 22),
            Participants = "双方单位主要领导和分管领导、相关职能科室负责人、二季度帮扶专家团队成员",
            Minutes = "总结上半年东西部对口支援成果，研究部署下半年工作。确定行政管理、等级医院创建、儿康项目、保健与临床相结合、女性康复、乳腺专科、影像科为今后帮扶重点。",
        };
        meeting.ActionItems.Add(new ActionItem { Description = "两年内通过二级甲等妇幼保健院评审", Owner = "吴忠市妇幼保健院", DueDate = new DateOnly(2024, 7, 22) });
        meeting.ActionItems.Add(new ActionItem { Description = "五年内通过三级妇幼保健院评审", Owner = "吴忠市妇幼保健院", DueDate = new DateOnly(2027, 7, 22) });
        meeting.ActionItems.Add(new ActionItem { Description = "新上项目派专业人员来院进修，再由帮扶方安排专家指导", Owner = "东部帮扶院医务处", DueDate = new DateOnly(2022, 12, 31), Status = ActionItemStatus.Done, CompletedOn = new DateOnly(2022, 11, 30) });
        _db.Meetings.Add(meeting);
    }

    // Seed 001: the three survey trips, the association's training courses, a lecture on modern hospital management.
    private void Seed001()
    {
        (DateOnly Date, string Where, int Members)[] trips = [(new DateOnly(2017, 12, 4), "晋城市", 9), (new DateOnly(2018, 1, 29), "运城市", 13), (new DateOnly(2018, 3, 6), "吕梁市", 17)];
        foreach (var trip in trips)
        {
            _db.Meetings.Add(new Meeting
            {
                PartnershipId = PartnershipId("001"),
                Title = $"{trip.Where}专科联盟成员单位调研走访",
                Kind = MeetingKind.SiteSurvey,
                HeldOn = trip.Date,
                Participants = $"联盟牵头单位专家组；{trip.Where}{trip.Members}家成员单位",
                Minutes = "座谈、查房、会诊、讲座；制定个性化帮扶计划，明确双方对接科室及负责人。",
            });
        }
        Act("001", "zezhou", ActivityKind.Lecture, new DateOnly(2017, 12, 5), 1, ActivityUnit.Chang, subject: "《现代医院管理》", expert: _r.People["sxch-coord"]);
        foreach (var (name, cohort, start) in new[] { ("院长职业化培训班", 1, new DateOnly(2017, 10, 16)), ("妇产科精英班", 1, new DateOnly(2017, 11, 13)), ("儿科精英班", 1, new DateOnly(2018, 4, 9)),
                     ("新生儿窒息复苏培训班", 1, new DateOnly(2018, 5, 14)), ("新生儿窒息复苏培训班", 2, new DateOnly(2018, 6, 11)), ("新生儿窒息复苏培训班", 3, new DateOnly(2018, 7, 9)) })
        {
            _db.TrainingCourses.Add(new TrainingCourse
            {
                PartnershipId = PartnershipId("001"),
                OrganizerId = Org("sxassoc").Id,
                Name = name,
                Cohort = cohort,
                StartDate = start,
                EndDate = start.AddDays(4),
                Attendees = 0,
                Note = "“妇幼人才发展工程”培训；报道未给出人数与日期，日期为演示推定。",
            });
        }
    }

    // Seed 002: round two's 24 new techniques, and since 2022 15 experts and their counted work.
    private void Seed002()
    {
        (string Dept, string Title, TitleLevel Level)[] sides =
        [
            ("骨伤科", "主任中医师", TitleLevel.Senior), ("骨伤科", "副主任中医师", TitleLevel.AssociateSenior), ("骨伤科", "主治中医师", TitleLevel.Intermediate),
            ("骨伤科", "副主任中医师", TitleLevel.AssociateSenior), ("骨伤科", "主治中医师", TitleLevel.Intermediate), ("内科", "主任中医师", TitleLevel.Senior),
            ("内科", "主治中医师", TitleLevel.Intermediate), ("内科", "副主任中医师", TitleLevel.AssociateSenior), ("口腔科", "副主任医师", TitleLevel.AssociateSenior),
            ("口腔科", "主治医师", TitleLevel.Intermediate), ("护理部", "主管护师", TitleLevel.Intermediate), ("护理部", "副主任护师", TitleLevel.AssociateSenior),
            ("护理部", "主管护师", TitleLevel.Intermediate), ("药剂科", "副主任药师", TitleLevel.AssociateSenior), ("药剂科", "主管药师", TitleLevel.Intermediate),
        ];
        var experts = new List<Person>();
        for (var i = 0; i < sides.Length; i++)
        {
            var expert = i == 0 ? _r.People["xiaoshan-ortho"] : NewPerson("xiaoshan", sides[i].Dept, sides[i].Title, sides[i].Level);
            experts.Add(expert);
            var start = new DateOnly(2022, 1, 10).AddDays(i * 35);
            var stationed = i % 3 == 0;
            NewDispatch("002", expert, "longquan", sides[i].Dept == "药剂科" ? null : sides[i].Dept is "护理部" or "口腔科" or "内科" ? sides[i].Dept : "骨伤科", null,
                stationed ? DispatchMode.Stationed : DispatchMode.ShortVisit, DispatchRole.Expert, start, start.AddDays(stationed ? 89 : 13));
        }

        string[] techniques =
        [
            "肩关节镜手术", "高龄股骨颈骨折人工髋关节置换术", "膝关节镜下半月板成形术", "经皮椎体成形术", "经皮椎间孔镜髓核摘除术", "桡骨远端骨折闭合复位小夹板固定",
            "锁骨骨折微创内固定术", "跟骨骨折经皮撬拨复位术", "全膝关节置换术", "踝关节镜手术", "关节腔穿刺臭氧注射术", "针刀松解术",
            "中药熏蒸治疗颈腰椎病", "温针灸治疗膝骨关节炎", "浮针疗法", "穴位埋线疗法", "超声引导下神经阻滞麻醉", "肌骨超声检查",
            "术后加速康复（ERAS）护理", "骨科静脉血栓风险评估与预防护理", "根管显微治疗", "种植牙一期手术", "静脉用药集中调配", "中药饮片处方点评",
        ];
        for (var i = 0; i < techniques.Length; i++)
        {
            var dept = i < 16 ? "骨伤科" : i < 18 ? "影像科" : i < 20 ? "护理部" : i < 22 ? "口腔科" : "内科";
            NewTechnique("002", "longquan", dept, techniques[i], i < 10 ? (i % 2 == 0 ? 3 : 4) : null, new DateOnly(2021, 4, 15).AddDays(i * 30),
                i < 16 ? experts[i % 5] : null, GapLevel.Hospital, i < 2 ? "填补龙泉市中医医院技术空白" : null);
        }
        var shoulder = _db.Techniques.Local.Single(t => t.Name == "肩关节镜手术");
        var hip = _db.Techniques.Local.Single(t => t.Name == "高龄股骨颈骨折人工髋关节置换术");

        var first = new DateOnly(2022, 1, 1);
        foreach (var (month, n) in Spread(23, first, 18))
            Act("002", "longquan", ActivityKind.SurgicalDemonstration, month.AddDays(9), n, ActivityUnit.RenCi, expert: experts[month.Month % 5]);
        foreach (var (month, n) in Spread(68, first, 18))
            Act("002", "longquan", ActivityKind.TeachingRound, month, n, ActivityUnit.Ci, monthly: true);
        foreach (var (month, n) in Spread(40, first, 18))
        {
            for (var k = 0; k < n; k++)
                Act("002", "longquan", ActivityKind.Lecture, month.AddDays(5 + k * 7), 1, ActivityUnit.Chang, 35 + (month.Month + k) % 20, subject: "专题培训讲座", expert: experts[(month.Month + k) % experts.Count]);
        }
        foreach (var (month, n) in Spread(2972, first, 18))
            Act("002", "longquan", ActivityKind.Outpatient, month, n, ActivityUnit.RenCi, monthly: true);
        Act("002", "longquan", ActivityKind.Surgery, new DateOnly(2022, 5, 18), 1, ActivityUnit.Li, subject: "92岁高龄股骨颈骨折手术", expert: experts[0], technique: hip);
        Act("002", "longquan", ActivityKind.Surgery, new DateOnly(2022, 6, 22), 1, ActivityUnit.Li, subject: "肩关节镜手术（首例）", expert: experts[1], technique: shoulder);
        foreach (var (month, n) in Spread(145, first, 18))
            Act("002", "longquan", ActivityKind.Surgery, month, n, ActivityUnit.Li, monthly: true);

        var signing = new Meeting
        {
            PartnershipId = PartnershipId("002"),
            Title = "“山海协作”第三轮签约仪式",
            Kind = MeetingKind.SigningCeremony,
            HeldOn = new DateOnly(2023, 7, 19),
            Participants = "双方院长、分管副院长及党政办、综合办、外联办负责人",
            Minutes = "签订第三轮“山海协作工程”协议书；实施“百科帮扶计划”，做大做强骨伤科，加强康复科帮带。",
        };
        _db.Meetings.Add(signing);
    }

    // Seed 003: the seconded vice-president from the signing day, the free clinic and training of that day.
    private void Seed003()
    {
        var vp = NewPerson("whch", "儿童保健科", "主任医师", TitleLevel.Senior, "医院管理");
        NewDispatch("003", vp, "huangpi", null, 1, DispatchMode.Stationed, DispatchRole.VicePresident, new DateOnly(2024, 11, 19), new DateOnly(2025, 11, 18));
        var day = new DateOnly(2024, 11, 19);
        Act("003", "huangpi", ActivityKind.FreeClinic, day, 1, ActivityUnit.Ci, subject: "2024武汉市妇女儿童健康行（黄陂站）十余个专科义诊", expert: vp);
        Act("003", "huangpi", ActivityKind.Lecture, day, 1, ActivityUnit.Chang, subject: "儿科、产科医疗同质化管理督查及专场培训", expert: vp);
    }

    // Seed 004: seven stationed (the ICU head as president), fifty short visits, the monthly expert day, the counted work and the trainees.
    private void Seed004()
    {
        var icu = _r.People["pzh-icu"];
        NewDispatch("004", icu, "yanyuan", "重症医学科", 1, DispatchMode.Stationed, DispatchRole.President, new DateOnly(2017, 8, 1), new DateOnly(2020, 3, 31));
        string[] stationedDepts = ["超声科", "超声科", "耳鼻喉科", "耳鼻喉科", "护理部", "护理部"];
        for (var i = 0; i < stationedDepts.Length; i++)
        {
            var expert = NewPerson("pzh", stationedDepts[i], stationedDepts[i] == "护理部" ? "主管护师" : "副主任医师",
                stationedDepts[i] == "护理部" ? TitleLevel.Intermediate : TitleLevel.AssociateSenior);
            var start = new DateOnly(2017, 9, 1).AddDays(i * 120);
            NewDispatch("004", expert, "yanyuan", stationedDepts[i], 1 + i / 2, DispatchMode.Stationed, DispatchRole.Expert, start, start.AddDays(269));
        }

        string[] shortDepts = ["普外科", "胸外科", "眼科", "医务部", "重症医学科"];
        var visitors = new List<Person>();
        for (var i = 0; i < 25; i++)
        {
            var expert = i == 0 ? _r.People["pzh-eye"] : NewPerson("pzh", shortDepts[i % shortDepts.Length], i % 3 == 0 ? "主任医师" : "副主任医师",
                i % 3 == 0 ? TitleLevel.Senior : TitleLevel.AssociateSenior);
            visitors.Add(expert);
            for (var v = 0; v < 2; v++)
            {
                var start = new DateOnly(2017, 10, 9).AddDays(i * 14 + v * 420);
                NewDispatch("004", expert, "yanyuan", null, null, DispatchMode.ShortVisit, DispatchRole.Expert, start, start.AddDays(4));
            }
        }

        var expertDay = new ExpertDay
        {
            PartnershipId = PartnershipId("004"),
            HostOrganizationId = Org("yanyuan").Id,
            Title = "中心医院专家工作日",
            RecurrenceRule = "FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3",
            StartDate = new DateOnly(2018, 6, 1),
            MinExperts = 3,
            MaxExperts = 5,
        };
        var dates = ExpertDay.Occurrences(expertDay.RecurrenceRule, expertDay.StartDate, null, expertDay.StartDate, new DateOnly(2020, 1, 31));
        for (var i = 0; i < dates.Count; i++)
        {
            var count = 3 + i % 3;
            for (var k = 0; k < count; k++)
                expertDay.Assignments.Add(new ExpertDayAssignment { OccurrenceDate = dates[i], Person = visitors[(i * 5 + k) % visitors.Count] });
        }
        _db.ExpertDays.Add(expertDay);

        var eye = _r.People["pzh-eye"];
        var cataract = NewTechnique("004", "yanyuan", "眼科", "白内障摘除术", 3, new DateOnly(2018, 6, 21), eye, GapLevel.County);
        NewTechnique("004", "yanyuan", "眼科", "人工晶体植入术", 3, new DateOnly(2018, 6, 21), eye, GapLevel.County);
        NewTechnique("004", "yanyuan", "眼科", "翼状胬肉切除术", 2, new DateOnly(2018, 7, 19), eye, GapLevel.County);
        NewTechnique("004", "yanyuan", "外科", "乳腺麦默通微创旋切术", 3, new DateOnly(2018, 9, 20), visitors[1], GapLevel.County);
        NewTechnique("004", "yanyuan", "外科", "肺癌根治性切除术", 4, new DateOnly(2019, 3, 21), visitors[2], GapLevel.County);
        NewTechnique("004", "yanyuan", "外科", "肝叶切除术", 4, new DateOnly(2019, 5, 16), visitors[1], GapLevel.County);

        var first = new DateOnly(2017, 9, 1);
        foreach (var (month, n) in Spread(33, first, 30))
            Act("004", "yanyuan", ActivityKind.Lecture, month.AddDays(14), n, ActivityUnit.Chang, 40 + month.Month * 5, subject: "学术讲座", expert: icu);
        foreach (var (month, n) in Spread(45, first, 30))
            Act("004", "yanyuan", ActivityKind.TeachingRound, month, n, ActivityUnit.Ci, monthly: true);
        foreach (var (month, n) in Spread(23, first, 30))
            Act("004", "yanyuan", ActivityKind.SurgicalDemonstration, month.AddDays(20), n, ActivityUnit.TaiCi, subject: "现场手术指导", expert: visitors[month.Month % visitors.Count]);
        foreach (var (month, n) in Spread(210, new DateOnly(2018, 6, 1), 20))
            Act("004", "yanyuan", ActivityKind.Surgery, month, n, ActivityUnit.Tai, subject: "白内障复明手术", monthly: true, technique: cataract);
        Act("004", "yanyuan", ActivityKind.FreeClinic, new DateOnly(2018, 9, 18), 1, ActivityUnit.Ci, 1480, subject: "内、外、妇、儿科专家巡回义诊");
        Act("004", "yanyuan", ActivityKind.FreeClinic, new DateOnly(2019, 9, 17), 1, ActivityUnit.Ci, 1540, subject: "内、外、妇、儿科专家巡回义诊");

        var mentors = visitors.Where(v => v.TitleLevel is TitleLevel.Senior or TitleLevel.AssociateSenior).ToList();
        string[] homeDepts = ["外科", "重症医学科", "超声科", "眼科", "护理部", "门诊部"];
        foreach (var year in new[] { 2018, 2019 })
        {
            for (var i = 0; i < 20; i++)
            {
                var dept = homeDepts[i % homeDepts.Length];
                var trainee = NewPerson("yanyuan", dept, i % 4 == 0 ? "主治医师" : "住院医师", i % 4 == 0 ? TitleLevel.Intermediate : TitleLevel.Junior);
                var start = new DateOnly(year, 1 + i % 9, 1);
                _db.Trainees.Add(new Trainee
                {
                    PartnershipId = PartnershipId("004"),
                    Person = trainee,
                    Kind = TraineeKind.FurtherStudy,
                    HostOrganizationId = Org("pzh").Id,
                    Mentor = mentors[(i + year) % mentors.Count],
                    StartDate = start,
                    EndDate = start.AddMonths(3).AddDays(-1),
                    IsHousingProvided = true,
                    MonthlySubsidyYuan = 1500,
                    Outcome = TraineeOutcome.Passed,
                });
            }
        }
        for (var i = 0; i < 12; i++)
        {
            var resident = NewPerson("yanyuan", homeDepts[i % homeDepts.Length], "住院医师", TitleLevel.Junior);
            _db.Trainees.Add(new Trainee
            {
                PartnershipId = PartnershipId("004"),
                Person = resident,
                Kind = TraineeKind.Residency,
                HostOrganizationId = Org("pzh").Id,
                Mentor = mentors[i % mentors.Count],
                StartDate = new DateOnly(2018, 9, 1),
                EndDate = new DateOnly(2021, 8, 31),
                IsHousingProvided = true,
                Outcome = TraineeOutcome.InProgress,
            });
        }
    }
}
