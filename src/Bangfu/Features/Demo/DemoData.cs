using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Accounts;
using Bangfu.Features.Consultations;
using Bangfu.Features.Indicators;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.Patients;
using Bangfu.Features.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Demo;

public sealed record DemoRegistry(Dictionary<string, Organization> Organizations, Dictionary<string, Person> People, Dictionary<string, Partnership> Partnerships);

public static class DemoDataSetup
{
    public static IServiceCollection AddDemoData(this IServiceCollection services) => services.AddScoped<DemoData>();
}

/// The five partnerships of the seed reports (shared/seeds), with their real institutions, kinds, dates, rounds and
/// terms. People are fictional. Where a report leaves a fact out (a day of the month, the round-2 date, the
/// unnamed eastern hospital of seed 000) the demo says so in the record's description or note.
public sealed class DemoData(AppDbContextFactory dbf, UserManager<AppUser> users, IConfiguration config, ILogger<DemoData> log, PatientIdentity identity, TimeProvider clock)
{
    public static readonly string[] DemoUserNames = ["pzh.coord", "yy.coord", "sx.coord", "xs.coord", "sc.nhc", "pzh.expert"];

    public async Task SeedIfEmptyAsync()
    {
        await IndicatorCatalogue.EnsureAsync(dbf);
        await using var db = dbf.CreateDbContext();
        db.Actor = "demo";
        if (await db.Organizations.IgnoreQueryFilters().AnyAsync())
            return;
        var registry = await SeedRegistryAsync(db);
        await DemoConsultations.SeedAsync(db, registry, identity, clock);
        await SeedUsersAsync(registry);
        log.LogInformation("Demo data loaded: {Count} organizations", registry.Organizations.Count);
    }

    private static async Task<DemoRegistry> SeedRegistryAsync(AppDbContext db)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var o = new Dictionary<string, Organization>();
        Organization Org(string key, string name, string? shortName, OrganizationKind kind, HospitalGrade grade, string region,
            string[] departments, bool keyCounty = false, bool threeRegions = false)
        {
            var org = new Organization
            {
                Name = name,
                ShortName = shortName,
                Kind = kind,
                Grade = grade,
                RegionCode = region,
                IsRuralRevitalizationKeyCounty = keyCounty,
                IsThreeRegionsThreePrefectures = threeRegions,
                Departments = departments.Select(d => new Department { Name = d }).ToList(),
            };
            db.Organizations.Add(org);
            o[key] = org;
            return org;
        }

        // Commissions, one per region of the seeds.
        Org("nhc-sc", "四川省卫生健康委员会", "四川省卫健委", OrganizationKind.HealthCommission, HospitalGrade.Ungraded, "510000", []);
        Org("nhc-sx", "山西省卫生健康委员会", "山西省卫健委", OrganizationKind.HealthCommission, HospitalGrade.Ungraded, "140000", []);
        Org("nhc-zj", "浙江省卫生健康委员会", "浙江省卫健委", OrganizationKind.HealthCommission, HospitalGrade.Ungraded, "330000", []);
        Org("nhc-nx", "宁夏回族自治区卫生健康委员会", "宁夏卫健委", OrganizationKind.HealthCommission, HospitalGrade.Ungraded, "640000", []);
        Org("nhc-wh", "武汉市卫生健康委员会", "武汉市卫健委", OrganizationKind.HealthCommission, HospitalGrade.Ungraded, "420100", []);

        // Seed 000: east–west counterpart support of 吴忠市妇幼保健院.
        Org("east", "东部对口帮扶妇幼保健院（原报道未署名）", "东部帮扶院", OrganizationKind.MaternalChildHealth, HospitalGrade.Grade3A, "320000",
            ["妇产科", "儿童保健科", "药剂科", "医务处"]);
        Org("wuzhong", "吴忠市妇幼保健院", "吴忠妇保院", OrganizationKind.MaternalChildHealth, HospitalGrade.Ungraded, "640300",
            ["妇产科", "儿童康复科", "药房", "乳腺科", "影像科"]);

        // Seed 001: Shanxi specialty alliance, led by the provincial children's hospital on the association's platform.
        Org("sxch", "山西省儿童医院（山西省妇幼保健院）", "山西省儿童医院", OrganizationKind.ChildrensHospital, HospitalGrade.Grade3A, "140100",
            ["医务科", "新生儿科（NICU）", "危重新生儿院前急救中心", "儿科", "妇产科"]);
        Org("sxassoc", "山西省妇幼保健协会", "省妇幼保健协会", OrganizationKind.Association, HospitalGrade.Ungraded, "140100", []);
        (string Key, string Name, string Region, OrganizationKind Kind)[] members =
        [
            ("lingchuan", "陵川县人民医院", "140524", OrganizationKind.GeneralHospital),
            ("gaoping", "高平市人民医院", "140581", OrganizationKind.GeneralHospital),
            ("jinmei", "晋煤集团总医院", "140502", OrganizationKind.GeneralHospital),
            ("zezhou", "泽州县人民医院", "140525", OrganizationKind.GeneralHospital),
            ("zezhou2", "泽州县第二人民医院", "140525", OrganizationKind.GeneralHospital),
            ("zezhoumch", "泽州县妇幼保健院", "140525", OrganizationKind.MaternalChildHealth),
            ("yanhu", "运城市盐湖区人民医院", "140802", OrganizationKind.GeneralHospital),
            ("yongji", "永济市人民医院", "140881", OrganizationKind.GeneralHospital),
            ("ruicheng", "芮城县人民医院", "140830", OrganizationKind.GeneralHospital),
            ("pinglu", "平陆县人民医院", "140829", OrganizationKind.GeneralHospital),
            ("xiaxian", "夏县人民医院", "140828", OrganizationKind.GeneralHospital),
            ("fenyang", "山西省汾阳医院", "141182", OrganizationKind.GeneralHospital),
            ("fenyangpeople", "汾阳市人民医院", "141182", OrganizationKind.GeneralHospital),
            ("xiaoyi", "孝义市人民医院", "141181", OrganizationKind.GeneralHospital),
            ("xiaoyibranch", "山西省儿童医院孝义分院", "141181", OrganizationKind.ChildrensHospital),
        ];
        foreach (var m in members)
            Org(m.Key, m.Name, null, m.Kind, HospitalGrade.Ungraded, m.Region, ["儿科", "妇产科"]);

        // Seed 002: mountain–sea collaboration in Zhejiang.
        Org("xiaoshan", "杭州市萧山区中医院", "萧山中医院", OrganizationKind.TcmHospital, HospitalGrade.Grade3A, "330109",
            ["骨伤科", "内科", "口腔科", "护理部", "药剂科", "康复科", "医务科"]);
        Org("longquan", "龙泉市中医医院", "龙泉中医院", OrganizationKind.TcmHospital, HospitalGrade.Grade2B, "331181",
            ["骨伤科", "康复科", "内科", "影像科", "口腔科", "护理部"]);

        // Seed 003: close consortium in Wuhan.
        Org("whch", "武汉儿童医院（武汉市妇幼保健院）", "武汉儿童医院", OrganizationKind.ChildrensHospital, HospitalGrade.Grade3A, "420102",
            ["产科", "妇科", "甲乳外科", "儿童保健科", "呼吸内科", "消化内科", "肾病内科", "康复医学科", "小儿外科", "口腔科", "眼科"]);
        Org("huangpi", "黄陂区妇幼保健院", "黄陂妇幼", OrganizationKind.MaternalChildHealth, HospitalGrade.Ungraded, "420116",
            ["小儿内科", "儿童康复科", "乳腺科", "妇科", "影像科", "产科"]);

        // Seed 004: trusteeship in Liangshan, a 三区三州 county.
        Org("pzh", "攀枝花市中心医院", "市中心医院", OrganizationKind.GeneralHospital, HospitalGrade.Grade3A, "510402",
            ["重症医学科", "超声科", "耳鼻喉科", "眼科", "护理部", "医务部", "普外科", "胸外科"]);
        Org("yanyuan", "盐源县人民医院", "盐源县医院", OrganizationKind.GeneralHospital, HospitalGrade.Grade2, "513423",
            ["重症医学科", "超声科", "耳鼻喉科", "眼科", "外科", "护理部", "门诊部"], keyCounty: true, threeRegions: true);
        Org("yanyuangov", "盐源县人民政府", "盐源县政府", OrganizationKind.Government, HospitalGrade.Ungraded, "513423", []);
        await db.SaveChangesAsync();

        var people = SeedPeople(db, o);
        await db.SaveChangesAsync();
        var partnerships = new Dictionary<string, Partnership>();
        void Add(string seed, Partnership partnership)
        {
            db.Partnerships.Add(partnership);
            partnerships[seed] = partnership;
        }

        Department Dept(string org, string name) => o[org].Departments.Single(d => d.Name == name);
        PartnershipParty Party(string org, PartyRole role, DateOnly joined, string? dept = null, Person? responsible = null, string? note = null) => new()
        {
            OrganizationId = o[org].Id,
            Role = role,
            JoinedOn = joined,
            DockingDepartmentId = dept is null ? null : Dept(org, dept).Id,
            ResponsiblePersonId = responsible?.Id,
            Note = note,
        };

        var since000 = new DateOnly(2020, 9, 1);
        Add("000", new Partnership
        {
            Kind = PartnershipKind.CounterpartSupport,
            Name = "东西部对口帮扶：吴忠市妇幼保健院",
            Programme = "东西部协作",
            StartDate = since000,
            Description = "东部帮扶院已派出4个批次近20名专家赴吴忠全方位帮扶（截至2022年7月）。原报道以“我院”自称、未署名帮扶方，起始日期按“合作近两年”推定。",
            Parties =
            [
                Party("east", PartyRole.Supporting, since000, "医务处", people["east-coord"]),
                Party("wuzhong", PartyRole.Supported, since000, "妇产科", people["wuzhong-coord"]),
            ],
            Agreements =
            [
                new Agreement
                {
                    Round = 1, Title = "东西部对口帮扶合作协议", SignedOn = since000, TermStart = since000, TermEnd = new DateOnly(2025, 8, 31),
                    Signatories = "双方医院院长",
                    Terms = "按批次选派专家赴吴忠市妇幼保健院开展专科建设、诊疗规范、新技术推广；接收进修；推动等级医院创建（两年内通过二级甲等、五年内通过三级妇幼保健院评审）。签订日按合作起始推定。",
                },
            ],
        });

        var since001 = new DateOnly(2017, 8, 1);
        var alliance = new Partnership
        {
            Kind = PartnershipKind.SpecialtyAlliance,
            Name = "山西省儿童妇幼医疗保健专科联盟",
            Programme = "专科联盟",
            StartDate = since001,
            Description = "2017年8月成立，全省246家各级医院报名参加；建立在山西省妇幼保健协会平台上，由山西省儿童医院、妇幼保健院牵头。演示数据载入报道中点名的成员单位及其对接科室。",
            Parties =
            [
                Party("sxch", PartyRole.Lead, since001, "医务科", people["sxch-coord"]),
                Party("sxassoc", PartyRole.Lead, since001, note: "联盟依托的协会平台"),
            ],
            Agreements =
            [
                new Agreement
                {
                    Round = 1, Title = "山西省儿童妇幼医疗保健专科联盟章程", SignedOn = since001, TermStart = since001,
                    Signatories = "牵头单位及各成员单位",
                    Terms = "人才培养（转岗培训、进修、专家入院指导、教学查房、培训班）；信息平台（远程多学科会诊、共享云服务）；推广适宜技术；双向转诊与危重新生儿转运。",
                },
            ],
        };
        foreach (var m in members)
        {
            var visited = m.Region[..4] switch { "1405" => new DateOnly(2017, 12, 4), "1408" => new DateOnly(2018, 1, 29), _ => new DateOnly(2018, 3, 6) };
            alliance.Parties.Add(Party(m.Key, PartyRole.Member, since001, "儿科", note: $"{visited:yyyy年M月}调研走访，明确对接科室及负责人"));
        }
        Add("001", alliance);

        var since002 = new DateOnly(2019, 3, 1);
        Add("002", new Partnership
        {
            Kind = PartnershipKind.MountainSea,
            Name = "山海协作：萧山区中医院—龙泉市中医医院",
            Programme = "浙江省医疗卫生“山海”提升工程",
            StartDate = since002,
            Description = "开设“名中医龙泉工作室”（骨伤科）；派驻点专家、定期名医坐诊、义诊、远程教育及远程会诊。",
            Parties =
            [
                Party("xiaoshan", PartyRole.Supporting, since002, "医务科", people["xiaoshan-coord"]),
                Party("longquan", PartyRole.Supported, since002, "骨伤科", people["longquan-coord"]),
            ],
            Agreements =
            [
                new Agreement
                {
                    Round = 1, Title = "杭州市萧山区中医院与龙泉市中医医院“山海协作工程”协议书（第一轮）",
                    SignedOn = since002, TermStart = since002, TermEnd = new DateOnly(2021, 2, 28), Signatories = "双方院长",
                    Terms = "派遣专家开展医疗帮扶，深入调研、精准帮扶，制定协作蓝图。签订日按“2019年3月”取月初。",
                },
                new Agreement
                {
                    Round = 2, Title = "“山海协作工程”协议书（第二轮）",
                    SignedOn = new DateOnly(2021, 3, 1), TermStart = new DateOnly(2021, 3, 1), TermEnd = new DateOnly(2023, 7, 18), Signatories = "双方院长",
                    Terms = "开展新技术、新项目；“留下来带教、送回去进修”。报道未给出第二轮签约日期，此处为推定。",
                },
                new Agreement
                {
                    Round = 3, Title = "杭州市萧山区中医院与龙泉市中医医院“山海协作工程”协议书（第三轮）",
                    SignedOn = new DateOnly(2023, 7, 19), TermStart = new DateOnly(2023, 7, 19), TermEnd = new DateOnly(2026, 7, 18),
                    Signatories = "双方院长",
                    Terms = "在前两轮基础上，在医疗服务、科研教育、重点专科建设上继续提供技术指导和医疗帮扶；实施“百科帮扶计划”，做大做强骨伤科，加强康复科帮带；借新院址搬迁提升医院管理与信息化水平；加强教学科研融合与学术交流；开展医共体工作交流项目。",
                },
            ],
        });

        var since003 = new DateOnly(2024, 11, 19);
        Add("003", new Partnership
        {
            Kind = PartnershipKind.CloseConsortium,
            Name = "紧密型医联体：武汉儿童医院—黄陂区妇幼保健院",
            Programme = "紧密型医联体",
            StartDate = since003,
            Description = "黄陂区妇幼保健院挂牌“武汉儿童医院协作医院”“武汉市妇幼保健院协作医院”；派驻挂职副院长和专家团队；同质化管理督查。此前自2019年起同属“武汉市妇幼健康共同体”。",
            Parties =
            [
                Party("whch", PartyRole.Lead, since003, "儿童保健科", people["whch-coord"]),
                Party("huangpi", PartyRole.Member, since003, "小儿内科", people["huangpi-coord"], "协作医院挂牌"),
            ],
            Agreements =
            [
                new Agreement
                {
                    Round = 1, Title = "武汉儿童医院与黄陂区妇幼保健院紧密医联体协议", SignedOn = since003, TermStart = since003,
                    Signatories = "双方院长；武汉市卫生健康委员会、黄陂区人民政府指导",
                    Terms = "以打造黄陂三级妇幼保健院为目标：派驻挂职副院长；以小儿内科、儿童康复科、乳腺科、妇科、影像科为切入点加大专科帮扶；推行同质化管理体系，接收轮训、培训。",
                },
            ],
        });

        var since004 = new DateOnly(2017, 8, 1);
        Add("004", new Partnership
        {
            Kind = PartnershipKind.Trusteeship,
            Name = "托管：攀枝花市中心医院托管盐源县人民医院",
            Programme = "省内对口帮扶藏区彝区贫困县",
            StartDate = since004,
            Description = "盐源县委、县政府选择由攀枝花市中心医院托管盐源县医院，2017年8月签署托管协议；院长由市中心医院选派（ICU主任长期驻扎任院长）。",
            Parties =
            [
                Party("pzh", PartyRole.Supporting, since004, "医务部", people["pzh-coord"]),
                Party("yanyuan", PartyRole.Supported, since004, "门诊部", people["yanyuan-coord"]),
            ],
            Agreements =
            [
                new Agreement
                {
                    Round = 1, Title = "盐源县人民政府与攀枝花市中心医院托管协议书", SignedOn = since004, TermStart = since004,
                    Signatories = "盐源县人民政府；攀枝花市中心医院",
                    Terms = "盐源县政府委托市中心医院对盐源县医院进行全面管理，享有管理权、分配权、人事权及经营权；院长由市中心医院选派；医院隶属关系、医院名称、功能定位、资产归属、职工身份及财政投入机制不变。签订日按“2017年8月”取月初。",
                    DelegatedRights = DelegatedRights.Management | DelegatedRights.Distribution | DelegatedRights.Personnel | DelegatedRights.Operation,
                    RetainedItems = RetainedItems.Affiliation | RetainedItems.Name | RetainedItems.FunctionalPositioning
                        | RetainedItems.AssetOwnership | RetainedItems.StaffStatus | RetainedItems.FinancialInvestment,
                },
            ],
        });
        await db.SaveChangesAsync();
        var registry = new DemoRegistry(o, people, partnerships);
        await DemoWorkLedger.SeedAsync(db, registry);
        await DemoIndicators.SeedAsync(db, registry);
        await Referrals.DemoReferrals.SeedAsync(db, registry);
        await tx.CommitAsync();
        return registry;
    }

    /// Fictional people: coordinators on each side and a few experts, enough to name docking contacts.
    private static Dictionary<string, Person> SeedPeople(AppDbContext db, Dictionary<string, Organization> o)
    {
        var people = new Dictionary<string, Person>();
        void Add(string key, string org, string dept, string name, string title, TitleLevel level, string? specialty = null)
        {
            var p = new Person
            {
                OrganizationId = o[org].Id,
                DepartmentId = o[org].Departments.Single(d => d.Name == dept).Id,
                Name = name,
                Title = title,
                TitleLevel = level,
                Specialty = specialty,
            };
            db.People.Add(p);
            people[key] = p;
        }

        Add("east-coord", "east", "医务处", "陈晓岚", "副主任医师", TitleLevel.AssociateSenior, "医疗管理");
        Add("east-gyn", "east", "妇产科", "何静怡", "主任医师", TitleLevel.Senior, "妇科微创");
        Add("east-child", "east", "儿童保健科", "沈若楠", "主任医师", TitleLevel.Senior, "高危儿管理");
        Add("wuzhong-coord", "wuzhong", "妇产科", "马玉兰", "主治医师", TitleLevel.Intermediate, "妇产科");
        Add("sxch-coord", "sxch", "医务科", "王志刚", "副主任医师", TitleLevel.AssociateSenior, "医疗管理");
        Add("sxch-nicu", "sxch", "危重新生儿院前急救中心", "赵文博", "主任医师", TitleLevel.Senior, "新生儿急救");
        Add("xiaoshan-coord", "xiaoshan", "医务科", "钱佳音", "主治医师", TitleLevel.Intermediate, "医疗管理");
        Add("xiaoshan-ortho", "xiaoshan", "骨伤科", "孙立军", "主任中医师", TitleLevel.Senior, "骨伤");
        Add("longquan-coord", "longquan", "骨伤科", "叶新宇", "副主任中医师", TitleLevel.AssociateSenior, "骨伤");
        Add("whch-coord", "whch", "儿童保健科", "刘思远", "副主任医师", TitleLevel.AssociateSenior, "儿童保健");
        Add("huangpi-coord", "huangpi", "小儿内科", "胡晓燕", "主治医师", TitleLevel.Intermediate, "儿科");
        Add("pzh-coord", "pzh", "医务部", "杨建国", "副主任医师", TitleLevel.AssociateSenior, "医疗管理");
        Add("pzh-icu", "pzh", "重症医学科", "吴海峰", "主任医师", TitleLevel.Senior, "重症医学");
        Add("pzh-eye", "pzh", "眼科", "郑雨晴", "副主任医师", TitleLevel.AssociateSenior, "白内障");
        Add("yanyuan-coord", "yanyuan", "门诊部", "阿木子哈", "主治医师", TitleLevel.Intermediate, "全科");
        return people;
    }

    private async Task SeedUsersAsync(DemoRegistry registry)
    {
        var configured = config["BANGFU_ADMIN_PASSWORD"];
        var password = string.IsNullOrEmpty(configured) ? UserService.GeneratePassword() : configured;
        var orgs = registry.Organizations;
        (string User, string Display, string Org, string Role)[] accounts =
        [
            ("pzh.coord", "攀枝花市中心医院 医务部", "pzh", Roles.OrgAdmin),
            ("yy.coord", "盐源县人民医院 门诊部", "yanyuan", Roles.OrgAdmin),
            ("sx.coord", "山西省儿童医院 医务科", "sxch", Roles.OrgAdmin),
            ("xs.coord", "萧山区中医院 医务科", "xiaoshan", Roles.OrgAdmin),
            ("sc.nhc", "四川省卫健委", "nhc-sc", Roles.Commission),
            ("pzh.expert", "攀枝花市中心医院 眼科专家", "pzh", Roles.Expert),
        ];
        foreach (var a in accounts)
        {
            var user = new AppUser
            {
                UserName = a.User,
                DisplayName = a.Display,
                OrganizationId = orgs[a.Org].Id,
                PersonId = a.Role == Roles.Expert ? registry.People["pzh-eye"].Id : null,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                throw new InvalidOperationException("Demo user: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, a.Role);
        }
        Console.WriteLine($"演示账号 / demo accounts: {string.Join(", ", accounts.Select(a => a.User))}");
        Console.WriteLine(string.IsNullOrEmpty(configured)
            ? $"演示账号密码 / demo password: {password}"
            : "演示账号密码同 BANGFU_ADMIN_PASSWORD / demo password: same as BANGFU_ADMIN_PASSWORD");
    }
}
