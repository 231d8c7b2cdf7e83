using System.Text.RegularExpressions;
using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Activities;
using Bangfu.Features.ExpertDays;
using Bangfu.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.TeleTeaching;

/// The one door to tele-teaching: series, their sessions, attendance and certificates. Readers are the users of the
/// partnership's parties (and commissions of their region); changers are the parties' coordinators.
public sealed partial class TeleTeachingService(AppDbContextFactory dbf, ActivityService activities, TimeProvider clock)
{
    private static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public async Task<IReadOnlyList<TeachingSeriesDto>> ListAsync(AccessScope scope, int? partnershipId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var q = Visible(db, scope).AsNoTracking();
        if (partnershipId is { } pid)
            q = q.Where(s => s.PartnershipId == pid);
        return await Project(db, q.OrderByDescending(s => s.StartDate).ThenBy(s => s.Id)).ToListAsync(ct);
    }

    public async Task<TeachingSeriesDto?> GetAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        return await Project(db, Visible(db, scope).AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
    }

    /// Whether the caller may change the series (the pages hide the forms otherwise).
    public async Task<bool> CanChangeAsync(AccessScope scope, int id, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var partnershipId = await Visible(db, scope).Where(s => s.Id == id).Select(s => (int?)s.PartnershipId).FirstOrDefaultAsync(ct);
        if (partnershipId is null)
            return false;
        try
        {
            await db.EnsureCanChangeAsync(scope, partnershipId.Value, ct);
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    public async Task<TeachingSeriesDto> CreateAsync(AccessScope scope, SaveTeachingSeriesRequest request, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        await using var db = dbf.CreateFor(scope);
        await CheckAsync(db, scope, request, ct);
        var series = new TeachingSeries { Title = "", RecurrenceRule = "" };
        Apply(series, request);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(series);
        await db.SaveChangesAsync(ct);
        await RegenerateAsync(db, series, ct);
        await tx.CommitAsync(ct);
        return (await GetAsync(scope, series.Id, ct))!;
    }

    /// Saves the series; when the rule or the dates change the sessions are generated again: dates that still occur
    /// keep their rows, new dates get rows, and dates that no longer occur are removed unless they were held or have
    /// attendance (those are history and stay).
    public async Task<TeachingSeriesDto?> UpdateAsync(AccessScope scope, int id, SaveTeachingSeriesRequest request, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var series = await LoadForChangeAsync(db, scope, id, ct);
        if (series is null)
            return null;
        if (request.PartnershipId is not null && request.PartnershipId != series.PartnershipId)
            new Validation().Add("partnershipId", "Tele.Error.PartnershipFixed").ThrowIfAny();
        request = request with { PartnershipId = series.PartnershipId };
        await CheckAsync(db, scope, request, ct);
        VersionCheck.Ensure(series, request.Version);
        var ledgerBefore = (TeachingSeries.PresentMinutes(series.DurationMinutes, series.PresentSharePercent), series.HubOrganizationId, series.Title);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Apply(series, request);
        await db.SaveChangesAsync(ct);
        await RegenerateAsync(db, series, ct);
        if ((TeachingSeries.PresentMinutes(series.DurationMinutes, series.PresentSharePercent), series.HubOrganizationId, series.Title) != ledgerBefore)
        {
            // The present count, host or note of every held session's lecture may have moved: the ledger follows.
            var held = await db.TeachingSessions.Where(s => s.SeriesId == id && s.Status == TeachingSessionStatus.Held).ToListAsync(ct);
            foreach (var session in held)
                await SyncLedgerAsync(db, scope, series, session, ct);
        }
        await tx.CommitAsync(ct);
        return await GetAsync(scope, id, ct);
    }

    public async Task<bool> DeleteAsync(AccessScope scope, int id, int? version, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var series = await LoadForChangeAsync(db, scope, id, ct);
        if (series is null)
            return false;
        VersionCheck.Ensure(series, version);
        if (await db.TeachingSessions.AnyAsync(s => s.SeriesId == id && (s.Status == TeachingSessionStatus.Held || db.TeachingAttendances.Any(a => a.SessionId == s.Id)), ct))
            throw new DomainRuleException("Tele.Rule.SeriesHasHeldSessions");
        series.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<TeachingSessionDto>?> SessionsAsync(AccessScope scope, int seriesId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var series = await Visible(db, scope).AsNoTracking().Where(s => s.Id == seriesId)
            .Select(s => new { s.DurationMinutes, s.PresentSharePercent }).FirstOrDefaultAsync(ct);
        if (series is null)
            return null;
        var present = TeachingSeries.PresentMinutes(series.DurationMinutes, series.PresentSharePercent);
        return await ProjectSessions(db, db.TeachingSessions.AsNoTracking().Where(s => s.SeriesId == seriesId).OrderBy(s => s.Date), present).ToListAsync(ct);
    }

    public async Task<TeachingSessionDto?> GetSessionAsync(AccessScope scope, int sessionId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var series = await VisibleSeriesOfSessionAsync(db, scope, sessionId, ct);
        if (series is null)
            return null;
        var present = TeachingSeries.PresentMinutes(series.DurationMinutes, series.PresentSharePercent);
        return await ProjectSessions(db, db.TeachingSessions.AsNoTracking().Where(s => s.Id == sessionId), present).FirstOrDefaultAsync(ct);
    }

    /// Topic, lecturer, cases and status. Held puts a lecture in the work ledger; leaving held takes it out again.
    public async Task<TeachingSessionDto?> UpdateSessionAsync(AccessScope scope, int sessionId, SaveTeachingSessionRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var (series, session) = await LoadSessionForChangeAsync(db, scope, sessionId, ct);
        if (session is null)
            return null;
        var v = new Validation().Optional("topic", r.Topic, 200).Optional("cases", r.Cases, 4000).Defined("status", r.Status);
        if (r.Cases is not null && IdentityNumber().IsMatch(r.Cases))
            v.Add("cases", "Tele.Error.IdentityNumberInCases");
        if (r.LecturerId is { } lecturer)
        {
            var parties = db.PartnershipParties.Where(p => p.PartnershipId == series!.PartnershipId && p.DeletedAt == null).Select(p => p.OrganizationId);
            if (!await db.People.AnyAsync(p => p.Id == lecturer && parties.Contains(p.OrganizationId), ct))
                v.Add("lecturerId", "Error.ExpertNotInPartnership");
        }
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (r.Status == TeachingSessionStatus.Held && session.Date > today)
            v.Add("status", "Tele.Error.HeldInFuture");
        v.ThrowIfAny();
        VersionCheck.Ensure(session, r.Version);
        session.Topic = string.IsNullOrWhiteSpace(r.Topic) ? null : r.Topic.Trim();
        session.LecturerId = r.LecturerId;
        session.Cases = string.IsNullOrWhiteSpace(r.Cases) ? null : r.Cases.Trim();
        session.Status = r.Status!.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await SyncLedgerAsync(db, scope, series!, session, ct);
        await tx.CommitAsync(ct);
        return await GetSessionAsync(scope, sessionId, ct);
    }

    public async Task<AttendanceSheetDto?> AttendanceAsync(AccessScope scope, int sessionId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var series = await VisibleSeriesOfSessionAsync(db, scope, sessionId, ct);
        if (series is null)
            return null;
        var session = await db.TeachingSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.Date, s.Status }).FirstAsync(ct);
        var present = TeachingSeries.PresentMinutes(series.DurationMinutes, series.PresentSharePercent);
        var spokes = db.TeachingSeriesSpokes.Where(x => x.SeriesId == series.Id).Select(x => x.OrganizationId);
        var people = await db.People.AsNoTracking().Where(p => spokes.Contains(p.OrganizationId))
            .Select(p => new { p.Id, p.Name, p.OrganizationId, OrganizationName = p.Organization!.Name }).ToListAsync(ct);
        var recorded = await db.TeachingAttendances.AsNoTracking().Where(a => a.SessionId == sessionId)
            .Select(a => new { a.PersonId, a.Minutes, a.IsImported, a.Person!.Name, a.Person.OrganizationId, OrganizationName = a.Person.Organization!.Name })
            .ToDictionaryAsync(a => a.PersonId, ct);
        // People who have left the spoke organizations keep their recorded rows.
        var rows = people.Select(p => (p.Id, p.Name, p.OrganizationId, p.OrganizationName))
            .Concat(recorded.Values.Where(a => people.All(p => p.Id != a.PersonId)).Select(a => (Id: a.PersonId, a.Name, a.OrganizationId, a.OrganizationName)))
            .Select(p =>
            {
                var minutes = recorded.TryGetValue(p.Id, out var a) ? a.Minutes : (int?)null;
                return new AttendanceRowDto(p.Id, p.Name, p.OrganizationId, p.OrganizationName, minutes, minutes >= present, a?.IsImported ?? false);
            })
            .OrderBy(r => r.OrganizationName, StringComparer.Ordinal).ThenBy(r => r.PersonName, StringComparer.Ordinal).ThenBy(r => r.PersonId)
            .ToList();
        return new AttendanceSheetDto(sessionId, session.Date, session.Status, series.DurationMinutes, series.PresentSharePercent, present,
            rows.Count(r => r.IsPresent), rows);
    }

    /// The grid's save: all rows or none. A figure already recorded is changed only with a reason, and each such
    /// change is kept (who, when, old → new, why).
    public async Task<AttendanceSheetDto?> SaveAttendanceAsync(AccessScope scope, int sessionId, SaveAttendanceRequest request, CancellationToken ct)
    {
        // A session the caller cannot see is a 404 whatever the body says.
        if (await AttendanceAsync(scope, sessionId, ct) is null)
            return null;
        var entries = request.Entries ?? [];
        var v = new Validation();
        if (entries.Count == 0)
            v.Add("entries", "Error.Required");
        if (entries.Count > AttendanceCsv.MaxRows)
            v.Add("entries", "Error.TooManyItems", AttendanceCsv.MaxRows);
        for (var i = 0; i < entries.Count; i++)
        {
            // A line left null names nobody: refused by its place in the list.
            if (entries[i] is null)
                v.Add($"entries[{i}]", "Error.Required");
            else if (entries[i].Minutes is < 0 or > 1440)
                v.Add($"entries[{i}].minutes", "Error.Range", 0, 1440);
        }
        var people = entries.Where(e => e is not null).Select(e => e.PersonId).ToList();
        if (people.Distinct().Count() != people.Count)
            v.Add("entries", "Tele.Error.DuplicatePerson");
        v.Optional("reason", request.Reason, 500).ThrowIfAny();
        var written = await WriteAttendanceAsync(scope, sessionId, entries.Select(e => (e.PersonId, e.Minutes)).ToList(), request.Reason, imported: false, ct);
        return written is null ? null : await AttendanceAsync(scope, sessionId, ct);
    }

    /// Imports a video tool's participant export. A malformed file writes nothing; names that match nobody of the
    /// spoke organizations (or several people) are reported back and the rest is written. A person on several
    /// lines (left and joined again) gets the sum of the minutes.
    public async Task<AttendanceImportResult?> ImportAttendanceAsync(AccessScope scope, int sessionId, byte[] file, string? reason, CancellationToken ct)
    {
        await using (var db = dbf.CreateFor(scope))
        {
            if ((await LoadSessionForChangeAsync(db, scope, sessionId, ct)).Session is null)
                return null;
        }
        new Validation().Optional("reason", reason, 500).ThrowIfAny();
        var rows = AttendanceCsv.Parse(file);
        List<(int Row, string Name, string? Org, int? PersonId, bool Ambiguous, int Minutes)> matched;
        await using (var db = dbf.CreateFor(scope))
        {
            var spokes = db.TeachingSessions.Where(s => s.Id == sessionId)
                .SelectMany(s => db.TeachingSeriesSpokes.Where(x => x.SeriesId == s.SeriesId).Select(x => x.OrganizationId));
            var names = rows.Select(r => r.Name).Distinct().ToList();
            var people = await db.People.AsNoTracking().Where(p => spokes.Contains(p.OrganizationId) && names.Contains(p.Name))
                .Select(p => new { p.Id, p.Name, Org = p.Organization!.Name, Short = p.Organization.ShortName }).ToListAsync(ct);
            matched = rows.Select(r =>
            {
                var candidates = people.Where(p => p.Name == r.Name).ToList();
                if (candidates.Count > 1 && r.Organization is { } org)
                    candidates = candidates.Where(p => OrganizationMatches(org, p.Org, p.Short)).ToList();
                return (r.Row, r.Name, r.Organization, candidates.Count == 1 ? candidates[0].Id : (int?)null, candidates.Count > 1, r.Minutes);
            }).ToList();
        }
        var entries = matched.Where(m => m.PersonId is not null).GroupBy(m => m.PersonId!.Value)
            .Select(g => (PersonId: g.Key, Minutes: (int?)Math.Min(1440, g.Sum(m => m.Minutes)))).ToList();
        var unmatched = matched.Where(m => m.PersonId is null).Select(m => new UnmatchedRow(m.Row, m.Name, m.Org, m.Ambiguous)).ToList();
        var written = entries.Count == 0 ? 0 : await WriteAttendanceAsync(scope, sessionId, entries, reason, imported: true, ct) ?? 0;
        var sheet = await AttendanceAsync(scope, sessionId, ct);
        return new AttendanceImportResult(rows.Count, rows.Count - unmatched.Count, written, sheet?.PresentCount ?? 0, unmatched);
    }

    public async Task<IReadOnlyList<AttendanceCorrectionDto>?> CorrectionsAsync(AccessScope scope, int sessionId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (await VisibleSeriesOfSessionAsync(db, scope, sessionId, ct) is null)
            return null;
        return await db.AttendanceCorrections.AsNoTracking().Where(c => c.SessionId == sessionId).OrderByDescending(c => c.Id)
            .Select(c => new AttendanceCorrectionDto(c.Id, c.At, c.UserName, c.PersonId, c.Person!.Name, c.OldMinutes, c.NewMinutes, c.Reason))
            .ToListAsync(ct);
    }

    /// Everybody who attended a held session of the series, with the share of held sessions attended; a certificate
    /// is earned at or above the series' threshold (exactly at it counts). Counted in SQL.
    public async Task<CertificateListDto?> CertificatesAsync(AccessScope scope, int seriesId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var series = await Visible(db, scope).AsNoTracking().Where(s => s.Id == seriesId)
            .Select(s => new { s.Id, s.Title, Hub = s.HubOrganization!.Name, s.StartDate, s.EndDate, s.DurationMinutes, s.PresentSharePercent, s.CertificatePercent })
            .FirstOrDefaultAsync(ct);
        if (series is null)
            return null;
        var present = TeachingSeries.PresentMinutes(series.DurationMinutes, series.PresentSharePercent);
        var held = await db.TeachingSessions.CountAsync(s => s.SeriesId == seriesId && s.Status == TeachingSessionStatus.Held, ct);
        var counts = await db.TeachingAttendances.AsNoTracking()
            .Where(a => a.Session!.SeriesId == seriesId && a.Session.Status == TeachingSessionStatus.Held && a.Minutes >= present)
            .GroupBy(a => new { a.PersonId, a.Person!.Name, Organization = a.Person.Organization!.Name })
            .Select(g => new { g.Key.PersonId, g.Key.Name, g.Key.Organization, Attended = g.Count() })
            .ToListAsync(ct);
        var people = counts
            .Select(c => new CertificateDto(c.PersonId, c.Name, c.Organization, c.Attended, held,
                held == 0 ? 0 : Math.Round(c.Attended * 100m / held, 1), Earned(c.Attended, held, series.CertificatePercent)))
            .OrderByDescending(c => c.IsEarned).ThenByDescending(c => c.AttendedSessions)
            .ThenBy(c => c.OrganizationName, StringComparer.Ordinal).ThenBy(c => c.PersonName, StringComparer.Ordinal)
            .ToList();
        return new CertificateListDto(series.Id, series.Title, series.Hub, series.StartDate, series.EndDate, held, series.CertificatePercent, people);
    }

    /// attended / held ≥ threshold%, in whole numbers so that exactly at the threshold is never lost to rounding.
    public static bool Earned(int attended, int held, int thresholdPercent) => held > 0 && attended * 100 >= held * thresholdPercent;

    private async Task<int?> WriteAttendanceAsync(AccessScope scope, int sessionId, List<(int PersonId, int? Minutes)> entries, string? reason,
        bool imported, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var (series, session) = await LoadSessionForChangeAsync(db, scope, sessionId, ct);
        if (session is null)
            return null;
        if (session.Status != TeachingSessionStatus.Held)
            throw new DomainRuleException("Tele.Rule.AttendanceOnlyWhenHeld");
        var ids = entries.Select(e => e.PersonId).ToList();
        var spokes = db.TeachingSeriesSpokes.Where(x => x.SeriesId == series!.Id).Select(x => x.OrganizationId);
        var existing = await db.TeachingAttendances.Where(a => a.SessionId == sessionId && ids.Contains(a.PersonId)).ToDictionaryAsync(a => a.PersonId, ct);
        var allowed = (await db.People.Where(p => ids.Contains(p.Id) && spokes.Contains(p.OrganizationId)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var v = new Validation();
        for (var i = 0; i < entries.Count; i++)
        {
            if (!allowed.Contains(entries[i].PersonId) && !existing.ContainsKey(entries[i].PersonId))
                v.Add(imported ? "file" : $"entries[{i}].personId", "Tele.Error.NotASpokePerson");
        }
        v.ThrowIfAny();
        var changes = entries
            .Select(e => (e.PersonId, e.Minutes, Old: existing.TryGetValue(e.PersonId, out var a) ? a : null))
            .Where(e => e.Old?.Minutes != e.Minutes)
            .ToList();
        var corrections = changes.Where(c => c.Old is not null).ToList();
        if (corrections.Count > 0 && string.IsNullOrWhiteSpace(reason))
            v.Add("reason", "Tele.Error.ReasonRequired", corrections.Count).ThrowIfAny();
        var now = clock.GetUtcNow();
        foreach (var (personId, minutes, old) in changes)
        {
            if (old is not null)
            {
                db.AttendanceCorrections.Add(new AttendanceCorrection
                {
                    SessionId = sessionId,
                    PersonId = personId,
                    OldMinutes = old.Minutes,
                    NewMinutes = minutes,
                    Reason = reason!.Trim(),
                    UserName = scope.UserName,
                    At = now,
                });
                if (minutes is { } m)
                {
                    old.Minutes = m;
                    old.IsImported = imported;
                }
                else
                    db.TeachingAttendances.Remove(old);
            }
            else if (minutes is { } m)
                db.TeachingAttendances.Add(new TeachingAttendance { SessionId = sessionId, PersonId = personId, Minutes = m, IsImported = imported });
        }
        if (changes.Count == 0)
            return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await SyncLedgerAsync(db, scope, series!, session, ct);
        await tx.CommitAsync(ct);
        return changes.Count;
    }

    /// Keeps the session's lecture in the work ledger in step, through the activities' own write path (checks,
    /// closed months, monthly rollup) and inside the caller's transaction.
    private async Task SyncLedgerAsync(AppDbContext db, AccessScope scope, TeachingSeries series, TeachingSession session, CancellationToken ct)
    {
        if (session.Status != TeachingSessionStatus.Held)
        {
            if (session.ActivityId is { } stale)
            {
                session.ActivityId = null;
                await db.SaveChangesAsync(ct);
                await activities.SaveLinkedAsync(db, scope, new BulkActivitiesRequest(null, null, [new ActivityRemoval(stale, null)]), ct);
            }
            return;
        }
        var present = TeachingSeries.PresentMinutes(series.DurationMinutes, series.PresentSharePercent);
        var attendees = await db.TeachingAttendances.CountAsync(a => a.SessionId == session.Id && a.Minutes >= present, ct);
        var subject = session.Topic ?? series.Title;
        var request = new SaveActivityRequest(series.PartnershipId, series.HubOrganizationId, null, null, session.LecturerId, ActivityKind.Lecture,
            session.Date, 1, ActivityUnit.Chang, attendees, IsOnline: true, Subject: subject.Length > 200 ? subject[..200] : subject,
            Note: $"远程教学 · {series.Title}");
        if (session.ActivityId is { } id)
        {
            var version = await db.Activities.Where(a => a.Id == id).Select(a => (int?)a.Version).FirstOrDefaultAsync(ct);
            if (version is not null)
            {
                await activities.SaveLinkedAsync(db, scope, new BulkActivitiesRequest(null, [new ActivityChange(id, request with { Version = version })]), ct);
                return;
            }
        }
        var created = await activities.SaveLinkedAsync(db, scope, new BulkActivitiesRequest([request]), ct);
        session.ActivityId = created[0];
        await db.SaveChangesAsync(ct);
    }

    private static async Task RegenerateAsync(AppDbContext db, TeachingSeries series, CancellationToken ct)
    {
        var dates = ExpertDay.Occurrences(series.RecurrenceRule, series.StartDate, series.EndDate, series.StartDate, series.EndDate).ToHashSet();
        var sessions = await db.TeachingSessions.Where(s => s.SeriesId == series.Id)
            .Select(s => new { Session = s, Keep = s.Status == TeachingSessionStatus.Held || s.ActivityId != null || db.TeachingAttendances.Any(a => a.SessionId == s.Id) })
            .ToListAsync(ct);
        db.TeachingSessions.RemoveRange(sessions.Where(s => !dates.Contains(s.Session.Date) && !s.Keep).Select(s => s.Session));
        var have = sessions.Select(s => s.Session.Date).ToHashSet();
        db.TeachingSessions.AddRange(dates.Where(d => !have.Contains(d)).Order()
            .Select(d => new TeachingSession { SeriesId = series.Id, Date = d, Status = TeachingSessionStatus.Scheduled }));
        await db.SaveChangesAsync(ct);
    }

    private static bool OrganizationMatches(string text, string name, string? shortName)
    {
        var t = text.Trim();
        return name.Contains(t, StringComparison.Ordinal) || t.Contains(name, StringComparison.Ordinal)
            || (shortName is { Length: > 0 } s && (s.Contains(t, StringComparison.Ordinal) || t.Contains(s, StringComparison.Ordinal)));
    }

    private static IQueryable<TeachingSeries> Visible(AppDbContext db, AccessScope scope) => db.TeachingSeries.OfVisiblePartnerships(db, scope);

    private static Task<TeachingSeries?> VisibleSeriesOfSessionAsync(AppDbContext db, AccessScope scope, int sessionId, CancellationToken ct)
    {
        var seriesId = db.TeachingSessions.Where(s => s.Id == sessionId).Select(s => s.SeriesId);
        return Visible(db, scope).AsNoTracking().FirstOrDefaultAsync(s => seriesId.Contains(s.Id), ct);
    }

    private static async Task<TeachingSeries?> LoadForChangeAsync(AppDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var series = await Visible(db, scope).Include(s => s.Spokes).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (series is not null)
            await db.EnsureCanChangeAsync(scope, series.PartnershipId, ct);
        return series;
    }

    private static async Task<(TeachingSeries? Series, TeachingSession? Session)> LoadSessionForChangeAsync(AppDbContext db, AccessScope scope, int sessionId,
        CancellationToken ct)
    {
        var session = await db.TeachingSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
            return (null, null);
        var series = await Visible(db, scope).FirstOrDefaultAsync(s => s.Id == session.SeriesId, ct);
        if (series is null)
            return (null, null);
        await db.EnsureCanChangeAsync(scope, series.PartnershipId, ct);
        return (series, session);
    }

    private async Task CheckAsync(AppDbContext db, AccessScope scope, SaveTeachingSeriesRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("title", r.Title, 100).Optional("specialty", r.Specialty, 60);
        if (CheckRule(r.RecurrenceRule) is { } ruleError)
            v.Add("recurrenceRule", ruleError);
        if (r.StartTime is null)
            v.Add("startTime", "Error.Required");
        if (r.DurationMinutes is null or < 10 or > 480)
            v.Add("durationMinutes", "Error.Range", 10, 480);
        if (r.StartDate is null)
            v.Add("startDate", "Error.Required");
        else if (r.StartDate < EarliestDate)
            v.Add("startDate", "Tele.Error.TooEarly");
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (r.EndDate is null)
            v.Add("endDate", "Error.Required");
        else if (r.EndDate > today.AddYears(TeachingSeries.MaxYearsAhead))
            v.Add("endDate", "Tele.Error.TooFarAhead", TeachingSeries.MaxYearsAhead);
        v.DateOrder("endDate", r.StartDate, r.EndDate);
        if (r.PresentSharePercent is < 1 or > 100)
            v.Add("presentSharePercent", "Error.Range", 1, 100);
        if (r.CertificatePercent is < 1 or > 100)
            v.Add("certificatePercent", "Error.Range", 1, 100);
        var spokes = r.SpokeOrganizationIds ?? [];
        if (spokes.Count == 0)
            v.Add("spokeOrganizationIds", "Error.Required");
        else if (spokes.Distinct().Count() != spokes.Count)
            v.Add("spokeOrganizationIds", "Tele.Error.DuplicateSpoke");
        if (r.PartnershipId is null)
            v.Add("partnershipId", "Error.Required");
        v.ThrowIfAny();
        var parties = await db.PartiesToRecordIntoAsync(scope, r.PartnershipId!.Value, ct);
        if (r.HubOrganizationId is null || !parties.Contains(r.HubOrganizationId.Value))
            v.Add("hubOrganizationId", "Tele.Error.HubNotInPartnership");
        if (spokes.Any(s => !parties.Contains(s)))
            v.Add("spokeOrganizationIds", "Tele.Error.SpokeNotInPartnership");
        else if (r.HubOrganizationId is { } hub && spokes.Contains(hub))
            v.Add("spokeOrganizationIds", "Tele.Error.HubIsSpoke");
        v.ThrowIfAny();
    }

    /// A weekly or monthly RFC 5545 rule (the expert days' rules, limited to the two shapes a teaching series uses).
    public static string? CheckRule(string? rule)
    {
        if (ExpertDay.CheckRule(rule) is { } error)
            return error;
        var freq = rule!.ToUpperInvariant().Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("FREQ=", StringComparison.Ordinal));
        return freq is "FREQ=WEEKLY" or "FREQ=MONTHLY" ? null : "Tele.Error.RuleWeeklyOrMonthly";
    }

    private static void Apply(TeachingSeries s, SaveTeachingSeriesRequest r)
    {
        s.PartnershipId = r.PartnershipId!.Value;
        s.Title = r.Title!.Trim();
        s.Specialty = string.IsNullOrWhiteSpace(r.Specialty) ? null : r.Specialty.Trim();
        s.HubOrganizationId = r.HubOrganizationId!.Value;
        s.RecurrenceRule = r.RecurrenceRule!.Trim().ToUpperInvariant();
        s.StartTime = r.StartTime!.Value;
        s.DurationMinutes = r.DurationMinutes!.Value;
        s.StartDate = r.StartDate!.Value;
        s.EndDate = r.EndDate!.Value;
        s.PresentSharePercent = r.PresentSharePercent ?? s.PresentSharePercent;
        s.CertificatePercent = r.CertificatePercent ?? s.CertificatePercent;
        var wanted = r.SpokeOrganizationIds!.ToHashSet();
        s.Spokes.RemoveAll(x => !wanted.Contains(x.OrganizationId));
        foreach (var org in wanted.Where(o => s.Spokes.All(x => x.OrganizationId != o)))
            s.Spokes.Add(new TeachingSeriesSpoke { OrganizationId = org });
    }

    private static IQueryable<TeachingSeriesDto> Project(AppDbContext db, IQueryable<TeachingSeries> q) =>
        q.Select(s => new TeachingSeriesDto(s.Id, s.PartnershipId, s.Partnership!.Name, s.Title, s.Specialty, s.HubOrganizationId, s.HubOrganization!.Name,
            s.Spokes.OrderBy(x => x.OrganizationId).Select(x => new SpokeDto(x.OrganizationId, x.Organization!.Name)).ToList(),
            s.RecurrenceRule, s.StartTime, s.DurationMinutes, s.StartDate, s.EndDate, s.PresentSharePercent, s.CertificatePercent,
            db.TeachingSessions.Count(x => x.SeriesId == s.Id),
            db.TeachingSessions.Count(x => x.SeriesId == s.Id && x.Status == TeachingSessionStatus.Held),
            s.Version));

    private static IQueryable<TeachingSessionDto> ProjectSessions(AppDbContext db, IQueryable<TeachingSession> q, int presentMinutes) =>
        q.Select(s => new TeachingSessionDto(s.Id, s.SeriesId, s.Date, s.Topic, s.LecturerId, s.Lecturer != null ? s.Lecturer.Name : null, s.Cases, s.Status,
            db.TeachingAttendances.Count(a => a.SessionId == s.Id),
            db.TeachingAttendances.Count(a => a.SessionId == s.Id && a.Minutes >= presentMinutes),
            s.ActivityId, s.Version));

    /// An 18-digit resident identity number (身份证号): 17 digits and a digit or X, not inside a longer number.
    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")]
    private static partial Regex IdentityNumber();
}
