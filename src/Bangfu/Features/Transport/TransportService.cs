using Bangfu.Common;
using Bangfu.Data;
using Bangfu.Features.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Bangfu.Features.Transport;

/// Transport centres, their vehicles, and the runs they make for referrals.
public sealed class TransportService(AppDbContextFactory dbf, ReferralService referrals, TimeProvider clock)
{
    // ---- centres and vehicles --------------------------------------------------------------------------------------

    /// Every active centre (a sender picks one when asking for transport); names only, no patient data.
    public async Task<IReadOnlyList<CentreDto>> ListCentresAsync(AccessScope scope, bool mineOnly, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var q = db.TransportCentres.AsNoTracking();
        q = mineOnly ? q.Where(c => c.OrganizationId == scope.OrganizationId) : q.Where(c => c.IsActive);
        return await q.OrderBy(c => c.Name)
            .Select(c => new CentreDto(c.Id, c.OrganizationId, c.Organization!.Name, c.Name, c.Phone, c.IsActive, c.Vehicles.Count(v => v.IsActive), c.Version))
            .ToListAsync(ct);
    }

    public async Task<CentreDto> CreateCentreAsync(AccessScope scope, SaveCentreRequest r, CancellationToken ct)
    {
        scope.EnsureCanWrite();
        var org = r.OrganizationId ?? scope.OrganizationId;
        var v = new Validation().Required("name", r.Name, 120).Optional("phone", r.Phone, 40);
        if (org is null)
            v.Add("organizationId", "Error.Required");
        else if (!scope.IsAdmin && org != scope.OrganizationId)
            throw new AccessDeniedException();
        await using var db = dbf.CreateFor(scope);
        if (org is { } o && !await db.Organizations.AnyAsync(x => x.Id == o, ct))
            v.Add("organizationId", "Error.UnknownOrganization");
        v.ThrowIfAny();
        var centre = new TransportCentre { OrganizationId = org!.Value, Name = r.Name!.Trim(), Phone = r.Phone, IsActive = r.IsActive ?? true };
        db.TransportCentres.Add(centre);
        await db.SaveChangesAsync(ct);
        return (await ListCentresAsync(scope with { OrganizationId = centre.OrganizationId }, true, ct)).First(c => c.Id == centre.Id);
    }

    public async Task<IReadOnlyList<VehicleDto>?> ListVehiclesAsync(AccessScope scope, int centreId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await ManagedCentres(db, scope).AnyAsync(c => c.Id == centreId, ct))
            return null;
        return await db.Vehicles.AsNoTracking().Where(v => v.CentreId == centreId).OrderBy(v => v.Plate)
            .Select(v => new VehicleDto(v.Id, v.CentreId, v.Plate, v.VehicleType, v.Equipment, v.IsActive, v.Version)).ToListAsync(ct);
    }

    public async Task<VehicleDto?> AddVehicleAsync(AccessScope scope, int centreId, SaveVehicleRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        if (!await ManagedCentres(db, scope).AnyAsync(c => c.Id == centreId, ct))
            return null;
        scope.EnsureCanWrite();
        var v = new Validation().Required("plate", r.Plate, 20).Required("vehicleType", r.VehicleType, 60).Optional("equipment", r.Equipment, 500);
        if (r.Plate is { } plate && await db.Vehicles.AnyAsync(x => x.Plate == plate.Trim(), ct))
            v.Add("plate", "Transport.PlateTaken");
        v.ThrowIfAny();
        var vehicle = new Vehicle { CentreId = centreId, Plate = r.Plate!.Trim(), VehicleType = r.VehicleType!.Trim(), Equipment = r.Equipment?.Trim(), IsActive = r.IsActive ?? true };
        db.Vehicles.Add(vehicle);
        await db.SaveChangesAsync(ct);
        return new VehicleDto(vehicle.Id, centreId, vehicle.Plate, vehicle.VehicleType, vehicle.Equipment, vehicle.IsActive, vehicle.Version);
    }

    public async Task<VehicleDto?> UpdateVehicleAsync(AccessScope scope, int vehicleId, SaveVehicleRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var own = ManagedCentres(db, scope).Select(c => c.Id);
        var vehicle = await db.Vehicles.FirstOrDefaultAsync(x => x.Id == vehicleId && own.Contains(x.CentreId), ct);
        if (vehicle is null)
            return null;
        scope.EnsureCanWrite();
        var v = new Validation().Required("plate", r.Plate, 20).Required("vehicleType", r.VehicleType, 60).Optional("equipment", r.Equipment, 500);
        if (r.Plate is { } plate && await db.Vehicles.AnyAsync(x => x.Plate == plate.Trim() && x.Id != vehicleId, ct))
            v.Add("plate", "Transport.PlateTaken");
        v.ThrowIfAny();
        VersionCheck.Ensure(vehicle, r.Version);
        vehicle.Plate = r.Plate!.Trim();
        vehicle.VehicleType = r.VehicleType!.Trim();
        vehicle.Equipment = r.Equipment?.Trim();
        vehicle.IsActive = r.IsActive ?? true;
        await db.SaveChangesAsync(ct);
        return new VehicleDto(vehicle.Id, vehicle.CentreId, vehicle.Plate, vehicle.VehicleType, vehicle.Equipment, vehicle.IsActive, vehicle.Version);
    }

    // ---- runs --------------------------------------------------------------------------------------------------------

    /// The sender asks a centre for transport (before the patient leaves; one open request per referral).
    public async Task<TransportRunDto?> RequestAsync(AccessScope scope, int referralId, RequestTransportRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var referral = await ReferralService.Visible(db, scope).FirstOrDefaultAsync(x => x.Id == referralId, ct);
        if (referral is null)
            return null;
        ReferralService.EnsureClinician(scope);
        if (referral.FromOrganizationId != scope.OrganizationId)
            throw new AccessDeniedException();
        var v = new Validation().Required("pickupPlace", r.PickupPlace, 200).Required("destination", r.Destination, 200)
            .Required("patientCondition", r.PatientCondition, 1000).Optional("equipmentNeeded", r.EquipmentNeeded, 500);
        if (r.CentreId is not { } centreId)
            v.Add("centreId", "Error.Required");
        else if (!await db.TransportCentres.AnyAsync(c => c.Id == centreId && c.IsActive, ct))
            v.Add("centreId", "Transport.UnknownCentre");
        v.ThrowIfAny();
        if (referral.Status is not (ReferralStatus.Draft or ReferralStatus.Submitted or ReferralStatus.Accepted))
            throw new DomainRuleException("Transport.TooLateToRequest", referrals.StatusName(referral.Status));
        await using var rule = await db.TakeAsync(GuardedRule.ReferralTransport, referralId, ct);
        if (await db.TransportRuns.AnyAsync(t => t.ReferralId == referralId && !t.IsCancelled, ct))
            throw new DomainRuleException("Transport.AlreadyRequested");
        var run = new TransportRun
        {
            ReferralId = referralId,
            CentreId = r.CentreId!.Value,
            PickupPlace = r.PickupPlace!.Trim(),
            Destination = r.Destination!.Trim(),
            PatientCondition = r.PatientCondition!.Trim(),
            EquipmentNeeded = r.EquipmentNeeded?.Trim(),
            RequestedAt = clock.GetUtcNow(),
        };
        db.TransportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        await rule.CommitAsync(ct);
        return await Project(db.TransportRuns.AsNoTracking().Where(t => t.Id == run.Id)).FirstAsync(ct);
    }

    /// The requests a centre of the caller's organization received (drafts wait until the referral is submitted).
    public async Task<IReadOnlyList<TransportRequestItem>> ListRequestsAsync(AccessScope scope, int? centreId, bool openOnly, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var own = OwnCentres(db, scope).Select(c => c.Id);
        var q = db.TransportRuns.AsNoTracking().Where(t => own.Contains(t.CentreId) && !t.IsCancelled && t.Referral!.Status != ReferralStatus.Draft);
        if (centreId is { } c)
            q = q.Where(t => t.CentreId == c);
        if (openOnly)
            q = q.Where(t => t.HandedOverAt == null);
        var runs = await Project(q.OrderBy(t => t.HandedOverAt != null).ThenBy(t => t.Referral!.Priority == ReferralPriority.Urgent ? 0 : 1)
            .ThenByDescending(t => t.RequestedAt)).ToListAsync(ct);
        var ids = runs.Select(r => r.ReferralId).ToList();
        var info = await db.Referrals.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id,
                r.Status,
                r.Priority,
                From = r.FromOrganization!.Name,
                To = r.ToOrganization!.Name,
                r.Patient.Name,
                r.Patient.Sex,
                r.Patient.AgeYears,
                r.Patient.BirthYear,
                r.DiagnosisCode,
                r.DiagnosisText
            })
            .ToDictionaryAsync(r => r.Id, ct);
        return [.. runs.Select(run =>
        {
            var r = info[run.ReferralId];
            return new TransportRequestItem(run, r.Status, r.Priority, r.From, r.To, r.Name, r.Sex, r.AgeYears, r.BirthYear, r.DiagnosisCode, r.DiagnosisText);
        })];
    }

    /// Assigns a vehicle and crew for a planned window. A vehicle is never on two runs whose windows overlap: the
    /// check runs inside the transaction after the vehicle's row is locked (PostgreSQL: SELECT … FOR UPDATE; SQLite:
    /// the transaction begins IMMEDIATE, so writers queue), so two concurrent assignments cannot both pass it.
    public async Task<TransportRunDto?> AssignAsync(AccessScope scope, int runId, AssignRunRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var own = OwnCentres(db, scope).Select(c => c.Id);
        if (!await db.TransportRuns.AnyAsync(t => t.Id == runId && own.Contains(t.CentreId) && !t.IsCancelled, ct))
            return null;
        ReferralService.EnsureClinician(scope);
        var v = new Validation();
        if (r.VehicleId is null)
            v.Add("vehicleId", "Error.Required");
        if (r.PlannedStart is null)
            v.Add("plannedStart", "Error.Required");
        if (r.PlannedEnd is null)
            v.Add("plannedEnd", "Error.Required");
        else if (r.PlannedStart is { } s && r.PlannedEnd <= s)
            v.Add("plannedEnd", "Error.EndBeforeStart");
        if (r.CrewIds is not { Count: > 0 })
            v.Add("crewIds", "Transport.CrewRequired");
        v.ThrowIfAny();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var run = await db.TransportRuns.Include(t => t.Crew).Include(t => t.Centre).FirstAsync(t => t.Id == runId, ct);
        if (r.Version is { } version && version != run.Version)
            throw new ConcurrencyConflictException();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Vehicles\" WHERE \"Id\" = {r.VehicleId!.Value} FOR UPDATE", ct);
        var vehicle = await db.Vehicles.FirstOrDefaultAsync(x => x.Id == r.VehicleId && x.CentreId == run.CentreId, ct);
        if (vehicle is null || !vehicle.IsActive)
            v.Add("vehicleId", "Transport.UnknownVehicle");
        var crew = r.CrewIds!.Distinct().ToList();
        var known = await db.People.CountAsync(p => crew.Contains(p.Id) && p.OrganizationId == run.Centre!.OrganizationId, ct);
        if (known != crew.Count)
            v.Add("crewIds", "Transport.CrewNotOfCentre");
        v.ThrowIfAny();
        if (run.DepartedAt is not null)
            throw new DomainRuleException("Transport.AlreadyDeparted");
        var referralStatus = await db.Referrals.Where(x => x.Id == run.ReferralId).Select(x => x.Status).FirstAsync(ct);
        if (referralStatus is not (ReferralStatus.Submitted or ReferralStatus.Accepted))
            throw new DomainRuleException("Transport.ReferralNotOpen", referrals.StatusName(referralStatus));
        var start = r.PlannedStart!.Value.ToUniversalTime();
        var end = r.PlannedEnd!.Value.ToUniversalTime();
        var clash = await db.TransportRuns.AsNoTracking()
            .Where(t => t.Id != runId && t.VehicleId == vehicle!.Id && !t.IsCancelled && t.PlannedStart < end && t.PlannedEnd > start)
            .Select(t => new { t.ReferralId, t.PlannedStart, t.PlannedEnd }).FirstOrDefaultAsync(ct);
        if (clash is not null)
            throw new DomainRuleException("Transport.VehicleBusy", vehicle!.Plate, clash.ReferralId);
        run.VehicleId = vehicle!.Id;
        run.PlannedStart = start;
        run.PlannedEnd = end;
        run.Crew.RemoveAll(c => !crew.Contains(c.PersonId));
        foreach (var id in crew.Where(id => run.Crew.All(c => c.PersonId != id)))
            run.Crew.Add(new TransportCrewMember { RunId = run.Id, PersonId = id });
        // The vehicle's version moves too, so that a concurrent writer that slipped past the lock still conflicts.
        vehicle.Version++;
        db.Entry(vehicle).Property(x => x.Version).IsModified = true;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await Project(db.TransportRuns.AsNoTracking().Where(t => t.Id == runId)).FirstAsync(ct);
    }

    /// Logs departure (the referral goes in transit), arrival at the patient, and handover (the referral is received);
    /// each time after the one before, none in the future.
    public async Task<TransportRunDto?> LogAsync(AccessScope scope, int runId, TransportEvent e, LogTransportRequest r, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var own = OwnCentres(db, scope).Select(c => c.Id);
        var run = await db.TransportRuns.FirstOrDefaultAsync(t => t.Id == runId && own.Contains(t.CentreId) && !t.IsCancelled, ct);
        if (run is null)
            return null;
        ReferralService.EnsureClinician(scope);
        if (r.Version is { } version && version != run.Version)
            throw new ConcurrencyConflictException();
        var now = clock.GetUtcNow();
        // Logged to the second: finer is noise, and equal times must compare equal after a round trip.
        var given = (r.At ?? now).ToUniversalTime();
        var at = given.AddTicks(-(given.Ticks % TimeSpan.TicksPerSecond));
        if (at > now.AddMinutes(5))
            new Validation().Add("at", "Transport.TimeInFuture").ThrowIfAny();
        var referral = await db.Referrals.FirstAsync(x => x.Id == run.ReferralId, ct);
        var sides = ReferralService.SidesOf(scope, referral, isTransport: true);
        switch (e)
        {
            case TransportEvent.Departed:
                if (run.VehicleId is null)
                    throw new DomainRuleException("Transport.NotAssigned");
                if (run.DepartedAt is not null)
                    throw new DomainRuleException("Transport.AlreadyLogged");
                referrals.Move(referral, ReferralAction.Depart, sides, scope.UserName, at, null);
                run.DepartedAt = at;
                break;
            case TransportEvent.Arrived:
                if (run.DepartedAt is not { } departed)
                    throw new DomainRuleException("Transport.LogInOrder");
                if (run.ArrivedAt is not null)
                    throw new DomainRuleException("Transport.AlreadyLogged");
                if (at < departed)
                    new Validation().Add("at", "Transport.TimeBeforePrevious").ThrowIfAny();
                run.ArrivedAt = at;
                break;
            case TransportEvent.HandedOver:
                if (run.ArrivedAt is not { } arrived)
                    throw new DomainRuleException("Transport.LogInOrder");
                if (run.HandedOverAt is not null)
                    throw new DomainRuleException("Transport.AlreadyLogged");
                if (at < arrived)
                    new Validation().Add("at", "Transport.TimeBeforePrevious").ThrowIfAny();
                referrals.Move(referral, ReferralAction.Receive, sides, scope.UserName, at, null);
                run.HandedOverAt = at;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e));
        }
        await db.SaveChangesAsync(ct);
        return await Project(db.TransportRuns.AsNoTracking().Where(t => t.Id == runId)).FirstAsync(ct);
    }

    public async Task<IReadOnlyList<CrewMemberDto>?> CrewCandidatesAsync(AccessScope scope, int centreId, CancellationToken ct)
    {
        await using var db = dbf.CreateFor(scope);
        var centre = await OwnCentres(db, scope).Where(c => c.Id == centreId).Select(c => new { c.OrganizationId }).FirstOrDefaultAsync(ct);
        if (centre is null)
            return null;
        return await db.People.AsNoTracking().Where(p => p.OrganizationId == centre.OrganizationId).OrderBy(p => p.Name)
            .Select(p => new CrewMemberDto(p.Id, p.Name)).ToListAsync(ct);
    }

    private static IQueryable<TransportCentre> OwnCentres(AppDbContext db, AccessScope scope) =>
        scope.OrganizationId is { } org && !scope.IsCommission ? db.TransportCentres.Where(c => c.OrganizationId == org) : db.TransportCentres.Where(c => false);

    /// Vehicles are no patient data: administrators manage every centre's fleet as well.
    private static IQueryable<TransportCentre> ManagedCentres(AppDbContext db, AccessScope scope) =>
        scope.IsAdmin ? db.TransportCentres : OwnCentres(db, scope);

    internal static IQueryable<TransportRunDto> Project(IQueryable<TransportRun> q) =>
        q.Select(t => new TransportRunDto(t.Id, t.ReferralId, t.CentreId, t.Centre!.Name, t.PickupPlace, t.Destination, t.PatientCondition,
            t.EquipmentNeeded, t.RequestedAt, t.VehicleId, t.Vehicle != null ? t.Vehicle.Plate : null, t.Vehicle != null ? t.Vehicle.VehicleType : null,
            t.PlannedStart, t.PlannedEnd, t.DepartedAt, t.ArrivedAt, t.HandedOverAt,
            t.Crew.OrderBy(c => c.Person!.Name).Select(c => new CrewMemberDto(c.PersonId, c.Person!.Name)).ToList(), t.Version));
}
