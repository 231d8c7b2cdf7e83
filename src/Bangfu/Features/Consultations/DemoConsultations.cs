using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.Demo;
using Bangfu.Features.Patients;

namespace Bangfu.Features.Consultations;

/// Seed 004: 盐源县人民医院 joined the remote PACS and ECG platforms of 攀枝花市中心医院. Three fictional
/// consultations: one filed with its opinion, one waiting for the city hospital, one draft. Patients are fictional.
public static class DemoConsultations
{
    public static async Task SeedAsync(AppDbContext db, DemoRegistry r, PatientIdentity identity, TimeProvider clock)
    {
        var icu = r.People["pzh-icu"];
        var eye = r.People["pzh-eye"];
        // Consultants need a licence number and three years of independent practice.
        icu.LicenceNumber = "110510400001234";
        icu.IndependentPracticeSince = new DateOnly(2008, 9, 1);
        eye.LicenceNumber = "110510400005678";
        eye.IndependentPracticeSince = new DateOnly(2014, 7, 1);

        var yanyuan = r.Organizations["yanyuan"];
        var pzh = r.Organizations["pzh"];
        var partnership = r.Partnerships["004"];
        var now = clock.GetUtcNow();
        var submitted = now.AddDays(-6).AddHours(-3);
        var start = now.AddDays(-5);
        var end = start.AddMinutes(40);
        var signed = end.AddHours(2);

        Consultation New(ConsultationType type, string purpose, string summary, PatientInput patient, long? feeFen) => new()
        {
            Type = type,
            State = ConsultationState.Draft,
            InvitingOrganizationId = yanyuan.Id,
            InvitedOrganizationId = pzh.Id,
            PartnershipId = partnership.Id,
            Urgency = ConsultationUrgency.Routine,
            Mode = type == ConsultationType.Imaging ? ConsultationMode.StoreAndForward : ConsultationMode.Video,
            Purpose = purpose,
            CaseSummary = summary,
            Patient = identity.Create(patient),
            ConsentBy = ConsentGiver.Patient,
            ConsentName = patient.Name!,
            ConsentAt = submitted.AddHours(-1),
            ConsentContentExplained = true,
            ConsentFeeExplained = feeFen > 0,
            FeeFen = feeFen,
            CreatedBy = "yy.coord",
            CreatedAt = submitted.AddHours(-1),
        };
        void Event(Consultation c, DateTimeOffset at, string user, ConsultationAction action, ConsultationState to, string? reason = null)
        {
            c.Events.Add(new ConsultationEvent { At = at, UserName = user, Action = action, From = c.State, To = to, Reason = reason });
            c.State = to;
        }

        var filed = New(ConsultationType.Imaging, "胸部CT阅片，明确肺部结节性质", "患者男，58岁，体检发现右肺上叶结节1.2cm，无咳嗽咯血，吸烟30年。",
            new PatientInput("李某", PatientSex.Male, null, 58, null), 15000);
        Event(filed, filed.CreatedAt, "yy.coord", ConsultationAction.Create, ConsultationState.Draft);
        Event(filed, submitted, "yy.coord", ConsultationAction.Submit, ConsultationState.Submitted);
        filed.FirstSubmittedAt = submitted;
        filed.SubmittedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(submitted, clock.LocalTimeZone).DateTime);
        Event(filed, submitted.AddHours(2), "pzh.coord", ConsultationAction.Accept, ConsultationState.Accepted);
        Event(filed, submitted.AddHours(3), "pzh.coord", ConsultationAction.Schedule, ConsultationState.Scheduled);
        filed.ScheduledStart = start;
        filed.ScheduledEnd = start.AddHours(1);
        filed.ConsultantId = icu.Id;
        Event(filed, start, "pzh.coord", ConsultationAction.StartSession, ConsultationState.InSession);
        filed.SessionStartedAt = start;
        filed.WaitingMinutes = (int)(start - submitted).TotalMinutes;
        Event(filed, end, "pzh.coord", ConsultationAction.EndSession, ConsultationState.SessionEnded);
        filed.SessionEndedAt = end;
        Event(filed, signed, "pzh.coord", ConsultationAction.SignOpinion, ConsultationState.OpinionSigned);
        filed.Opinion = "右肺上叶磨玻璃结节，边缘毛刺，建议3个月后复查薄层CT，必要时转上级医院胸外科评估。";
        filed.SignedByName = icu.Name;
        filed.SignedByUser = "pzh.coord";
        filed.SignedAt = signed;
        filed.TurnaroundMinutes = (int)(signed - end).TotalMinutes;
        Event(filed, signed.AddHours(5), "yy.coord", ConsultationAction.File, ConsultationState.Filed);
        filed.FiledAt = signed.AddHours(5);
        filed.FiledBy = "yy.coord";
        var activity = new Activity
        {
            PartnershipId = partnership.Id,
            HostOrganizationId = yanyuan.Id,
            ExpertId = icu.Id,
            Kind = ActivityKind.RemoteConsultation,
            Date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, clock.LocalTimeZone).DateTime),
            Quantity = 1,
            Unit = ActivityUnit.Li,
            IsOnline = true,
        };
        db.Add(activity);
        await db.SaveChangesAsync();
        await ActivityRollup.AddAsync(db, activity, +1, CancellationToken.None);
        filed.ActivityId = activity.Id;

        var waiting = New(ConsultationType.Ecg, "动态心电图分析，评估房颤负荷", "患者女，67岁，阵发性心悸半年，动态心电图提示房颤。",
            new PatientInput("张某", PatientSex.Female, null, 67, null), 8000);
        Event(waiting, waiting.CreatedAt, "yy.coord", ConsultationAction.Create, ConsultationState.Draft);
        Event(waiting, now.AddHours(-3), "yy.coord", ConsultationAction.Submit, ConsultationState.Submitted);
        waiting.FirstSubmittedAt = now.AddHours(-3);
        waiting.SubmittedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, clock.LocalTimeZone).DateTime);

        var draft = New(ConsultationType.Mdt, "多学科讨论下一步治疗方案", "患者男，45岁，重症胰腺炎ICU治疗第5天。",
            new PatientInput("马某", PatientSex.Male, null, 45, null), null);
        Event(draft, draft.CreatedAt, "yy.coord", ConsultationAction.Create, ConsultationState.Draft);

        db.AddRange(filed, waiting, draft);
        await db.SaveChangesAsync();
    }
}
