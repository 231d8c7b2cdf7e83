using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.ExpertDays;

public sealed record ExpertDayDto(int Id, int PartnershipId, int HostOrganizationId, string HostOrganizationName, string Title, string RecurrenceRule,
    DateOnly StartDate, DateOnly? EndDate, int MinExperts, int MaxExperts, int Version);

public sealed record SaveExpertDayRequest(int? PartnershipId, int? HostOrganizationId, string? Title, string? RecurrenceRule, DateOnly? StartDate,
    DateOnly? EndDate, int? MinExperts, int? MaxExperts, int? Version = null);

public sealed record AssignedExpert(int AssignmentId, int PersonId, string Name);

/// One date of a recurring expert day, with the experts assigned and whether there are too few or too many.
public sealed record Occurrence(DateOnly Date, IReadOnlyList<AssignedExpert> Experts, bool IsUnderstaffed, bool IsOverstaffed);

public sealed record AssignRequest(DateOnly? Date, int? PersonId);

public sealed class ExpertDayService(AppDbContextFactory dbf, TimeProvider clock)
{
    public async Task<IReadOnlyList<ExpertDayDto>> ListAsync(AccessScope scope, int? partnershipId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        if (partnershipId is { } pid)
            q = q.Where(e => e.PartnershipId == pid);
        return await Project(q.OrderBy(e => e.StartDate).ThenBy(e => e.Id)).ToListAsync(ct);
    }

    public async Task<ExpertDayDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await Project(Visible(db, scope).AsNoTracking().Where(e => e.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<ExpertDayDto> CreateAsync(AccessScope scope, SaveExpertDayRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, request, ct);
        var day = new ExpertDay { Title = "", RecurrenceRule = "" };
        Apply(day, request);
        db.Add(day);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(scope, day.Id, ct))!;
    }

    public async Task<ExpertDayDto?> UpdateAsync(AccessScope scope, int id, SaveExpertDayRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var day = await LoadForChangeAsync(db, scope, id, ct);
        if (day is null)
            return null;
        await CheckAsync(db, scope, request, ct);
        VersionCheck.Ensure(day, request.Version);
        Apply(day, request);
        await db.SaveChangesAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var day = await LoadForChangeAsync(db, scope, id, ct);
        if (day is null)
            return false;
        day.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// The calendar: occurrence dates in a span (at most three years), each with its experts and staffing flags.
    public async Task<IReadOnlyList<Occurrence>?> OccurrencesAsync(AccessScope scope, int id, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var day = await Visible(db, scope).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (day is null)
            return null;
        new Validation().Dates(("from", from), ("to", to)).ThrowIfAny();
        var start = from ?? day.StartDate;
        var end = to ?? (start.AddYears(1) > StoredDates.Latest ? StoredDates.Latest : start.AddYears(1).AddDays(-1));
        var v = new Validation().DateOrder("to", start, end);
        if (end.DayNumber - start.DayNumber > 366 * 3)
            v.Add("to", "Error.SpanTooLong", 3);
        v.ThrowIfAny();
        var assigned = await db.ExpertDayAssignments.AsNoTracking()
            .Where(a => a.ExpertDayId == id && a.OccurrenceDate >= start && a.OccurrenceDate <= end)
            .Select(a => new { a.OccurrenceDate, Expert = new AssignedExpert(a.Id, a.PersonId, a.Person!.Name) })
            .ToListAsync(ct);
        var byDate = assigned.ToLookup(a => a.OccurrenceDate, a => a.Expert);
        return ExpertDay.Occurrences(day.RecurrenceRule, day.StartDate, day.EndDate, start, end)
            .Select(d =>
            {
                var experts = byDate[d].OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
                return new Occurrence(d, experts, experts.Count < day.MinExperts, experts.Count > day.MaxExperts);
            })
            .ToList();
    }

    public async Task<AssignedExpert?> AssignAsync(AccessScope scope, int id, AssignRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var day = await LoadForChangeAsync(db, scope, id, ct);
        if (day is null)
            return null;
        var v = new Validation();
        if (request.Date is null)
            v.Add("date", "Error.Required");
        if (request.PersonId is null)
            v.Add("personId", "Error.Required");
        v.Dates(("date", request.Date)).ThrowIfAny();
        var date = request.Date!.Value;
        if (!ExpertDay.Occurrences(day.RecurrenceRule, day.StartDate, day.EndDate, date, date).Contains(date))
            v.Add("date", "Error.NotAnOccurrence");
        var parties = db.PartnershipParties.Where(p => p.PartnershipId == day.PartnershipId).Select(p => p.OrganizationId);
        var person = await db.People.Where(p => p.Id == request.PersonId && parties.Contains(p.OrganizationId))
            .Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        if (person is null)
            v.Add("personId", "Error.ExpertNotInPartnership");
        v.ThrowIfAny();
        // The places are counted under the day's lock, so that simultaneous assignments cannot overfill it (ADR 0013).
        await using var rule = await db.TakeAsync(GuardedRule.ExpertDayPlaces, id, ct);
        var count = await db.ExpertDayAssignments.CountAsync(a => a.ExpertDayId == id && a.OccurrenceDate == date, ct);
        if (await db.ExpertDayAssignments.AnyAsync(a => a.ExpertDayId == id && a.OccurrenceDate == date && a.PersonId == person!.Id, ct))
            throw new DomainRuleException("Rule.AlreadyAssigned");
        if (count >= day.MaxExperts)
            throw new DomainRuleException("Rule.ExpertDayFull", day.MaxExperts);
        var assignment = new ExpertDayAssignment { ExpertDayId = id, OccurrenceDate = date, PersonId = person!.Id };
        db.ExpertDayAssignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        await rule.CommitAsync(ct);
        return new AssignedExpert(assignment.Id, person.Id, person.Name);
    }

    public async Task<bool> UnassignAsync(AccessScope scope, int id, int assignmentId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var day = await LoadForChangeAsync(db, scope, id, ct);
        var assignment = day is null ? null : await db.ExpertDayAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.ExpertDayId == id, ct);
        if (assignment is null)
            return false;
        db.ExpertDayAssignments.Remove(assignment);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static IQueryable<ExpertDay> Visible(AppDbContext db, AccessScope scope)
    {
        return db.ExpertDays.OfVisiblePartnerships(db, scope);
    }

    private static async Task<ExpertDay?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var day = await Visible(db, scope).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (day is not null)
            await db.EnsureCanChangeAsync(scope, day.PartnershipId, ct);
        return day;
    }

    private static async Task CheckAsync(AppDbContext db, AccessScope scope, SaveExpertDayRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("title", r.Title, 100);
        if (ExpertDay.CheckRule(r.RecurrenceRule) is { } ruleError)
            v.Add("recurrenceRule", ruleError);
        if (r.StartDate is null)
            v.Add("startDate", "Error.Required");
        v.DateOrder("endDate", r.StartDate, r.EndDate);
        if (r.MinExperts is null or < 1 or > 50)
            v.Add("minExperts", "Error.Range", 1, 50);
        if (r.MaxExperts is null or < 1 or > 50)
            v.Add("maxExperts", "Error.Range", 1, 50);
        else if (r.MinExperts is { } min && r.MaxExperts < min)
            v.Add("maxExperts", "Error.MaxBelowMin");
        if (r.PartnershipId is null)
            v.Add("partnershipId", "Error.Required");
        v.ThrowIfAny();
        var parties = await db.PartiesToRecordIntoAsync(scope, r.PartnershipId!.Value, ct);
        if (r.HostOrganizationId is null || !parties.Contains(r.HostOrganizationId.Value))
            v.Add("hostOrganizationId", "Error.HostNotInPartnership");
        v.ThrowIfAny();
    }

    private static void Apply(ExpertDay d, SaveExpertDayRequest r)
    {
        d.PartnershipId = r.PartnershipId!.Value;
        d.HostOrganizationId = r.HostOrganizationId!.Value;
        d.Title = r.Title!.Trim();
        d.RecurrenceRule = r.RecurrenceRule!.Trim().ToUpperInvariant();
        d.StartDate = r.StartDate!.Value;
        d.EndDate = r.EndDate;
        d.MinExperts = r.MinExperts!.Value;
        d.MaxExperts = r.MaxExperts!.Value;
    }

    private static IQueryable<ExpertDayDto> Project(IQueryable<ExpertDay> q) =>
        q.Select(e => new ExpertDayDto(e.Id, e.PartnershipId, e.HostOrganizationId, e.HostOrganization!.Name, e.Title, e.RecurrenceRule,
            e.StartDate, e.EndDate, e.MinExperts, e.MaxExperts, e.Version));
}
