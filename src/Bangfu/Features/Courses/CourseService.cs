using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Courses;

public sealed record CourseDto(int Id, int PartnershipId, int OrganizerId, string OrganizerName, string Name, int Cohort, DateOnly StartDate, DateOnly EndDate,
    bool IsOnline, int Attendees, int? Passed, string? Note, int Version);

public sealed record SaveCourseRequest(int? PartnershipId, int? OrganizerId, string? Name, int? Cohort, DateOnly? StartDate, DateOnly? EndDate,
    bool IsOnline = false, int? Attendees = null, int? Passed = null, string? Note = null, int? Version = null);

public sealed class CourseService(AppDbContextFactory dbf, TimeProvider clock)
{
    public async Task<Page<CourseDto>> ListAsync(AccessScope scope, int? partnershipId, DateOnly? from, DateOnly? to, PageRequest page, CancellationToken ct)
    {
        var v = new Validation();
        page.Validate(v, ["startDate"]);
        v.DateOrder("to", from, to).ThrowIfAny();
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        if (partnershipId is { } pid)
            q = q.Where(c => c.PartnershipId == pid);
        if (from is { } f)
            q = q.Where(c => c.EndDate >= f);
        if (to is { } t)
            q = q.Where(c => c.StartDate <= t);
        var total = await q.CountAsync(ct);
        return new Page<CourseDto>(await Project(q.SortBy(c => c.StartDate, page.Desc).ThenBy(c => c.Id).TakePage(page)).ToListAsync(ct), total);
    }

    public async Task<CourseDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await Project(Visible(db, scope).AsNoTracking().Where(c => c.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<CourseDto> CreateAsync(AccessScope scope, SaveCourseRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, request, null, ct);
        var course = new TrainingCourse { Name = "" };
        Apply(course, request);
        db.Add(course);
        await DuplicateIsTheRuleAsync(course, () => db.SaveChangesAsync(ct));
        return (await GetAsync(scope, course.Id, ct))!;
    }

    public async Task<CourseDto?> UpdateAsync(AccessScope scope, int id, SaveCourseRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var course = await LoadForChangeAsync(db, scope, id, ct);
        var changed = await DuplicateIsTheRuleAsync(course, () => db.CorrectAsync(course, request.Version,
            () => CheckAsync(db, scope, request, id, ct), c => Apply(c, request), ct));
        return changed ? await GetAsync(scope, id, ct) : null;
    }

    /// Two simultaneous saves of one name and cohort both pass the check; the unique index stops the later one,
    /// which then hears the same 409 as if it had come second (ADR 0013).
    private static async Task<T> DuplicateIsTheRuleAsync<T>(TrainingCourse? course, Func<Task<T>> save)
    {
        try
        {
            return await save();
        }
        catch (DuplicateRecordException) when (course is not null)
        {
            throw new DomainRuleException("Rule.DuplicateCohort", course.Name, course.Cohort);
        }
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await db.SoftDeleteAsync(await LoadForChangeAsync(db, scope, id, ct), clock, ct);
    }

    private static IQueryable<TrainingCourse> Visible(AppDbContext db, AccessScope scope)
    {
        return db.TrainingCourses.OfVisiblePartnerships(db, scope);
    }

    private static Task<TrainingCourse?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct) =>
        Visible(db, scope).FindToChangeAsync(db, scope, id, ct);

    private static async Task CheckAsync(AppDbContext db, AccessScope scope, SaveCourseRequest r, int? id, CancellationToken ct)
    {
        var v = new Validation().Required("name", r.Name, 120).Positive("cohort", r.Cohort).Optional("note", r.Note, 1000);
        if (r.StartDate is null)
            v.Add("startDate", "Error.Required");
        if (r.EndDate is null)
            v.Add("endDate", "Error.Required");
        v.DateOrder("endDate", r.StartDate, r.EndDate);
        if (r.Attendees is null or < 0 or > 100_000)
            v.Add("attendees", "Error.Range", 0, 100_000);
        else if (r.Passed is { } passed && (passed < 0 || passed > r.Attendees))
            v.Add("passed", "Error.PassedAboveAttendees");
        if (r.PartnershipId is null)
            v.Add("partnershipId", "Error.Required");
        v.ThrowIfAny();
        var parties = await db.PartiesToRecordIntoAsync(scope, r.PartnershipId!.Value, ct);
        if (r.OrganizerId is null || !parties.Contains(r.OrganizerId.Value))
            v.Add("organizerId", "Error.HostNotInPartnership");
        v.ThrowIfAny();
        var name = r.Name!.Trim();
        if (await db.TrainingCourses.AnyAsync(c => c.PartnershipId == r.PartnershipId && c.Name == name && c.Cohort == r.Cohort && c.Id != id, ct))
            throw new DomainRuleException("Rule.DuplicateCohort", name, r.Cohort!.Value);
    }

    private static void Apply(TrainingCourse c, SaveCourseRequest r)
    {
        c.PartnershipId = r.PartnershipId!.Value;
        c.OrganizerId = r.OrganizerId!.Value;
        c.Name = r.Name!.Trim();
        c.Cohort = r.Cohort!.Value;
        c.StartDate = r.StartDate!.Value;
        c.EndDate = r.EndDate!.Value;
        c.IsOnline = r.IsOnline;
        c.Attendees = r.Attendees!.Value;
        c.Passed = r.Passed;
        c.Note = r.Note;
    }

    private static IQueryable<CourseDto> Project(IQueryable<TrainingCourse> q) =>
        q.Select(c => new CourseDto(c.Id, c.PartnershipId, c.OrganizerId, c.Organizer!.Name, c.Name, c.Cohort, c.StartDate, c.EndDate, c.IsOnline,
            c.Attendees, c.Passed, c.Note, c.Version));
}
