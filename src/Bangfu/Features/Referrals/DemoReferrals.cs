using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Demo;
using Bangfu.Features.Patients;
using Bangfu.Features.People;
using Bangfu.Features.Transport;

namespace Bangfu.Features.Referrals;

/// Seed 001's critical-newborn pre-hospital transport centre of 山西省儿童医院 with two of its ambulances, and a few
/// referrals between it and 泽州 county's hospitals: one completed with transport and returned down, one urgent
/// waiting in the queue with transport requested, one accepted. Patients and people are fictional; no identity numbers.
internal static class DemoReferrals
{
    public static async Task SeedAsync(AppDbContext db, DemoRegistry r)
    {
        var now = db.Clock.GetUtcNow();
        var sxch = r.Organizations["sxch"];
        var zezhou = r.Organizations["zezhou"];
        var zezhou2 = r.Organizations["zezhou2"];
        var partnership = r.Partnerships["001"];
        var countyDoctor = new Person { OrganizationId = zezhou.Id, Name = "梁振宇", Title = "主治医师", TitleLevel = TitleLevel.Intermediate, Specialty = "儿科" };
        var county2Doctor = new Person { OrganizationId = zezhou2.Id, Name = "邓慧敏", Title = "副主任医师", TitleLevel = TitleLevel.AssociateSenior, Specialty = "儿科" };
        var nurse = new Person { OrganizationId = sxch.Id, Name = "冯婉清", Title = "主管护师", TitleLevel = TitleLevel.Intermediate, Specialty = "新生儿转运" };
        db.People.AddRange(countyDoctor, county2Doctor, nurse);
        var centre = new TransportCentre { OrganizationId = sxch.Id, Name = "山西省危重新生儿院前急救中心", Phone = "0351-0000120" };
        var ambulance1 = new Vehicle { Plate = "晋A·X1201", VehicleType = "新生儿转运救护车", Equipment = "转运暖箱、新生儿呼吸机、多参数监护仪、输液泵" };
        var ambulance2 = new Vehicle { Plate = "晋A·X1202", VehicleType = "新生儿转运救护车", Equipment = "转运暖箱、T组合复苏器、多参数监护仪" };
        centre.Vehicles.AddRange([ambulance1, ambulance2]);
        db.TransportCentres.Add(centre);
        await db.SaveChangesAsync();

        static PatientRecord Newborn(string name, PatientSex sex) => new() { Name = name, Sex = sex, AgeYears = 0 };
        Referral Referral(ReferralDirection direction, int from, int to, int physician, ReferralPriority priority, PatientRecord patient,
            string code, string diagnosis, string history, string reason, DateTimeOffset created) => new()
            {
                Direction = direction,
                FromOrganizationId = from,
                ToOrganizationId = to,
                PartnershipId = partnership.Id,
                SigningPhysicianId = physician,
                Priority = priority,
                Patient = patient,
                DiagnosisCode = code,
                DiagnosisText = diagnosis,
                History = history,
                Reason = reason,
                CreatedAt = created,
                CreatedBy = "demo",
                Status = ReferralStatus.Draft,
                Transitions = [new ReferralTransition { ToStatus = ReferralStatus.Draft, At = created, By = "demo" }],
            };
        static void Step(Referral referral, ReferralStatus to, DateTimeOffset at, string? reason = null)
        {
            referral.Transitions.Add(new ReferralTransition { FromStatus = referral.Status, ToStatus = to, At = at, By = "demo", Reason = reason });
            referral.Status = to;
            var day = DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);
            if (to == ReferralStatus.Submitted)
                (referral.SubmittedAt, referral.SubmittedOn) = (at, day);
            if (to == ReferralStatus.Received)
                (referral.ReceivedAt, referral.ReceivedOn, referral.TransferMinutes) = (at, day, Durations.Between(referral.SubmittedAt!.Value, at));
            if (to == ReferralStatus.Completed)
                referral.CompletedAt = at;
        }

        var t0 = now.AddDays(-20);
        var done = Referral(ReferralDirection.Up, zezhou.Id, sxch.Id, countyDoctor.Id, ReferralPriority.Urgent, Newborn("刘宝宝", PatientSex.Male),
            "P22", "新生儿呼吸窘迫综合征", "孕31周早产，出生体重1500克，生后2小时出现进行性呼吸困难，已予鼻塞CPAP、保暖。", "需气管插管机械通气及肺表面活性物质治疗，本院无NICU。", t0);
        done.Escort = "患儿父亲";
        Step(done, ReferralStatus.Submitted, t0.AddMinutes(10));
        Step(done, ReferralStatus.Accepted, t0.AddMinutes(20), "NICU床位已备");
        Step(done, ReferralStatus.InTransit, t0.AddMinutes(35));
        Step(done, ReferralStatus.Received, t0.AddHours(3));
        Step(done, ReferralStatus.Completed, t0.AddDays(9));
        var waiting = Referral(ReferralDirection.Up, zezhou.Id, sxch.Id, countyDoctor.Id, ReferralPriority.Urgent, Newborn("陈宝宝", PatientSex.Female),
            "P07", "极低出生体重儿", "孕29周早产，出生体重1100克，生后呼吸浅促。", "需NICU综合救治。", now.AddHours(-2));
        Step(waiting, ReferralStatus.Submitted, now.AddHours(-2).AddMinutes(5));
        var accepted = Referral(ReferralDirection.Up, zezhou2.Id, sxch.Id, county2Doctor.Id, ReferralPriority.Routine,
            new PatientRecord { Name = "杨小雨", Sex = PatientSex.Female, AgeYears = 2 }, "Q21", "室间隔缺损", "体检发现心脏杂音，心脏超声示室间隔缺损。", "需心外科评估手术时机。", now.AddDays(-3));
        Step(accepted, ReferralStatus.Submitted, now.AddDays(-3).AddMinutes(30));
        Step(accepted, ReferralStatus.Accepted, now.AddDays(-2));
        db.Referrals.AddRange(done, waiting, accepted);
        await db.SaveChangesAsync();

        var back = Referral(ReferralDirection.Down, sxch.Id, zezhou.Id, r.People["sxch-nicu"].Id, ReferralPriority.Routine,
            new PatientRecord { Name = "刘宝宝", Sex = PatientSex.Male, AgeYears = 0 }, "P22", "新生儿呼吸窘迫综合征（恢复期）", done.History,
            "病情稳定，回当地继续治疗", t0.AddDays(9));
        back.OriginalReferralId = done.Id;
        back.TreatmentGiven = "气管插管机械通气5天，肺表面活性物质2剂，抗感染治疗。";
        back.NextTreatmentPlan = "继续早产儿喂养及体重管理，监测血氧。";
        back.RehabilitationPlan = "早期发展随访，矫正月龄3个月复查。";
        Step(back, ReferralStatus.Submitted, t0.AddDays(9).AddHours(1));
        Step(back, ReferralStatus.Accepted, t0.AddDays(9).AddHours(2));
        Step(back, ReferralStatus.InTransit, t0.AddDays(10));
        Step(back, ReferralStatus.Received, t0.AddDays(10).AddHours(2));
        db.Referrals.Add(back);

        var run = new TransportRun
        {
            ReferralId = done.Id,
            CentreId = centre.Id,
            PickupPlace = "泽州县人民医院儿科",
            Destination = "山西省儿童医院NICU",
            PatientCondition = "呼吸急促，鼻塞CPAP下SpO2 90%",
            EquipmentNeeded = "转运暖箱、呼吸机",
            RequestedAt = t0.AddMinutes(12),
            VehicleId = ambulance1.Id,
            PlannedStart = t0.AddMinutes(25),
            PlannedEnd = t0.AddHours(4),
            DepartedAt = t0.AddMinutes(35),
            ArrivedAt = t0.AddHours(1).AddMinutes(30),
            HandedOverAt = t0.AddHours(3),
            Crew = [new TransportCrewMember { PersonId = r.People["sxch-nicu"].Id }, new TransportCrewMember { PersonId = nurse.Id }],
        };
        var requested = new TransportRun
        {
            ReferralId = waiting.Id,
            CentreId = centre.Id,
            PickupPlace = "泽州县人民医院儿科",
            Destination = "山西省儿童医院NICU",
            PatientCondition = "呼吸浅促，吸氧下SpO2 89%",
            EquipmentNeeded = "转运暖箱、呼吸机",
            RequestedAt = now.AddHours(-2).AddMinutes(6),
        };
        db.TransportRuns.AddRange(run, requested);
        await db.SaveChangesAsync();
    }
}
