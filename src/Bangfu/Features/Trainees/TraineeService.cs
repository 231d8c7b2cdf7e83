using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Compliance;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Trainees;

public sealed record TraineeDto(int Id, int PartnershipId, int PersonId, string PersonName, string SendingOrganizationName, TraineeKind Kind,
    int HostOrganizationId, string HostOrganizationName, int? HostDepartmentId, string? HostDepartmentName, int? MentorId, string? MentorName,
    TitleLevel? MentorTitleLevel, DateOnly StartDate, DateOnly EndDate, bool IsHousingProvided, int? MonthlySubsidyYuan, TraineeOutcome Outcome,
    string? AssessmentNote, string? TeachesAfterReturn, int Version);

/// A saved trainee and the rule warnings it was saved with (a mentor below the configured level, when only warned).
public sealed record TraineeSaved(TraineeDto Trainee, IReadOnlyList<string> Warnings);

public sealed record SaveTraineeRequest(int? PartnershipId, int? PersonId, TraineeKind? Kind, int? HostOrganizationId, int? HostDepartmentId,
    int? MentorId, DateOnly? StartDate, DateOnly? EndDate, bool IsHousingProvided = false, int? MonthlySubsidyYuan = null,
    TraineeOutcome? Outcome = null, string? AssessmentNote = null, string? TeachesAfterReturn = null, int? Version = null);

public sealed class TraineeService(AppDbContextFactory dbf, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text)
{
    public async Task<Page<TraineeDto>> ListAsync(AccessScope scope, int? partnershipId, int? organizationId, TraineeKind? kind, DateOnly? from, DateOnly? to,
        PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, ["startDate"]);
        v.DateOrder("to", from, to).ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        if (partnershipId is { } pid)
            q = q.Where(t => t.PartnershipId == pid);
        if (organizationId is { } org)
            q = q.Where(t => t.HostOrganizationId == org || t.Person!.OrganizationId == org);
        if (kind is { } k)
            q = q.Where(t => t.Kind == k);
        if (from is { } f)
            q = q.Where(t => t.EndDate >= f);
        if (to is { } t2)
            q = q.Where(t => t.StartDate <= t2);
        var total = await q.CountAsync(ct);
        var items = await Project(q.SortBy(t => t.StartDate, page.Desc).ThenBy(t => t.Id).TakePage(page)).ToListAsync(ct);
        return new Page<TraineeDto>(items, total);
    }

    public async Task<TraineeDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await Project(Visible(db, scope).AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<TraineeSaved> CreateAsync(AccessScope scope, SaveTraineeRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        var warnings = await CheckAsync(db, scope, request, ct);
        var trainee = new Trainee();
        Apply(trainee, request);
        db.Add(trainee);
        await db.SaveChangesAsync(ct);
        return new TraineeSaved((await GetAsync(scope, trainee.Id, ct))!, warnings);
    }

    public async Task<TraineeSaved?> UpdateAsync(AccessScope scope, int id, SaveTraineeRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        IReadOnlyList<string> warnings = [];
        var changed = await db.CorrectAsync(await LoadForChangeAsync(db, scope, id, ct), request.Version,
            async () => warnings = await CheckAsync(db, scope, request, ct), t => Apply(t, request), ct);
        return changed ? new TraineeSaved((await GetAsync(scope, id, ct))!, warnings) : null;
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await db.SoftDeleteAsync(await LoadForChangeAsync(db, scope, id, ct), clock, ct);
    }

    private static IQueryable<Trainee> Visible(AppDbContext db, AccessScope scope)
    {
        return db.Trainees.OfVisiblePartnerships(db, scope);
    }

    private static Task<Trainee?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct) =>
        Visible(db, scope).FindToChangeAsync(db, scope, id, ct);

    /// Checks the request; returns the warnings of rules configured to warn, throws for rules configured to refuse.
    private async Task<IReadOnlyList<string>> CheckAsync(AppDbContext db, AccessScope scope, SaveTraineeRequest r, CancellationToken ct)
    {
        var v = new Validation().Defined("kind", r.Kind)
            .Optional("assessmentNote", r.AssessmentNote, 1000).Optional("teachesAfterReturn", r.TeachesAfterReturn, 2000);
        if (r.StartDate is null)
            v.Add("startDate", "Error.Required");
        if (r.EndDate is null)
            v.Add("endDate", "Error.Required");
        v.DateOrder("endDate", r.StartDate, r.EndDate);
        if (r.MonthlySubsidyYuan is < 0 or > 100_000)
            v.Add("monthlySubsidyYuan", "Error.Range", 0, 100_000);
        if (r.Outcome is { } o && !Enum.IsDefined(o))
            v.Add("outcome", "Error.UnknownValue");
        if (r.PartnershipId is null)
            v.Add("partnershipId", "Error.Required");
        v.ThrowIfAny();
        var parties = await db.PartiesToRecordIntoAsync(scope, r.PartnershipId!.Value, ct);
        if (r.PersonId is null || !await db.People.AnyAsync(p => p.Id == r.PersonId && parties.Contains(p.OrganizationId), ct))
            v.Add("personId", "Error.ExpertNotInPartnership");
        if (r.HostOrganizationId is null || !parties.Contains(r.HostOrganizationId.Value))
            v.Add("hostOrganizationId", "Error.HostNotInPartnership");
        else if (r.HostDepartmentId is { } dept && !await db.Departments.AnyAsync(d => d.Id == dept && d.OrganizationId == r.HostOrganizationId, ct))
            v.Add("hostDepartmentId", "Error.UnknownDepartment");
        TitleLevel? mentorLevel = null;
        if (r.MentorId is { } mentorId)
        {
            mentorLevel = await db.People.Where(p => p.Id == mentorId && p.OrganizationId == r.HostOrganizationId).Select(p => (TitleLevel?)p.TitleLevel).FirstOrDefaultAsync(ct);
            if (mentorLevel is null)
                v.Add("mentorId", "Error.MentorNotAtHost");
        }
        v.ThrowIfAny();

        var rules = await ComplianceService.RulesInForceAsync(db, r.PartnershipId.Value, ct);
        // TitleLevel runs from Senior (0) down to None: a higher number is a lower title.
        if (rules.MentorMinimumLevel is { } min && (mentorLevel is null || mentorLevel > min))
        {
            var label = text[$"TitleLevel.{min}"];
            if (rules.IsMentorRuleStrict)
                throw new DomainRuleException("Rule.MentorLevel", label);
            return [text["Rule.MentorLevel", label]];
        }
        return [];
    }

    private static void Apply(Trainee t, SaveTraineeRequest r)
    {
        t.PartnershipId = r.PartnershipId!.Value;
        t.PersonId = r.PersonId!.Value;
        t.Kind = r.Kind!.Value;
        t.HostOrganizationId = r.HostOrganizationId!.Value;
        t.HostDepartmentId = r.HostDepartmentId;
        t.MentorId = r.MentorId;
        t.StartDate = r.StartDate!.Value;
        t.EndDate = r.EndDate!.Value;
        t.IsHousingProvided = r.IsHousingProvided;
        t.MonthlySubsidyYuan = r.MonthlySubsidyYuan;
        t.Outcome = r.Outcome ?? TraineeOutcome.InProgress;
        t.AssessmentNote = r.AssessmentNote;
        t.TeachesAfterReturn = r.TeachesAfterReturn;
    }

    private static IQueryable<TraineeDto> Project(IQueryable<Trainee> q) =>
        q.Select(t => new TraineeDto(t.Id, t.PartnershipId, t.PersonId, t.Person!.Name, t.Person.Organization!.Name, t.Kind, t.HostOrganizationId,
            t.HostOrganization!.Name, t.HostDepartmentId, t.HostDepartment != null ? t.HostDepartment.Name : null, t.MentorId,
            t.Mentor != null ? t.Mentor.Name : null, t.Mentor != null ? t.Mentor.TitleLevel : null, t.StartDate, t.EndDate, t.IsHousingProvided,
            t.MonthlySubsidyYuan, t.Outcome, t.AssessmentNote, t.TeachesAfterReturn, t.Version));
}
