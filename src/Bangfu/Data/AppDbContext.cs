using System.Text.Json;
using Bangfu.Common;
using Bangfu.Features.Accounts;
using Bangfu.Features.Activities;
using Bangfu.Features.Compliance;
using Bangfu.Features.Consultations;
using Bangfu.Features.Courses;
using Bangfu.Features.Dispatches;
using Bangfu.Features.Evidence;
using Bangfu.Features.ExpertDays;
using Bangfu.Features.Files;
using Bangfu.Features.Import;
using Bangfu.Features.Indicators;
using Bangfu.Features.Meetings;
using Bangfu.Features.Organizations;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Bangfu.Features.Plans;
using Bangfu.Features.Referrals;
using Bangfu.Features.Techniques;
using Bangfu.Features.TeleTeaching;
using Bangfu.Features.Trainees;
using Bangfu.Features.Transport;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Bangfu.Data;

/// The model, shared by both providers. Each provider has a subclass with its own migrations.
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<PartnershipParty> PartnershipParties => Set<PartnershipParty>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Dispatch> Dispatches => Set<Dispatch>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityMonthly> ActivityMonthly => Set<ActivityMonthly>();
    public DbSet<ClosedMonth> ClosedMonths => Set<ClosedMonth>();
    public DbSet<PlausibilityRule> PlausibilityRules => Set<PlausibilityRule>();
    public DbSet<ComplianceRuleSet> ComplianceRuleSets => Set<ComplianceRuleSet>();
    public DbSet<ExpertDay> ExpertDays => Set<ExpertDay>();
    public DbSet<ExpertDayAssignment> ExpertDayAssignments => Set<ExpertDayAssignment>();
    public DbSet<Technique> Techniques => Set<Technique>();
    public DbSet<Trainee> Trainees => Set<Trainee>();
    public DbSet<TrainingCourse> TrainingCourses => Set<TrainingCourse>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<IndicatorDefinition> IndicatorDefinitions => Set<IndicatorDefinition>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<IndicatorValidationRule> IndicatorValidationRules => Set<IndicatorValidationRule>();
    public DbSet<PeriodApproval> PeriodApprovals => Set<PeriodApproval>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<TeachingSeries> TeachingSeries => Set<TeachingSeries>();
    public DbSet<TeachingSeriesSpoke> TeachingSeriesSpokes => Set<TeachingSeriesSpoke>();
    public DbSet<TeachingSession> TeachingSessions => Set<TeachingSession>();
    public DbSet<TeachingAttendance> TeachingAttendances => Set<TeachingAttendance>();
    public DbSet<AttendanceCorrection> AttendanceCorrections => Set<AttendanceCorrection>();
    public DbSet<CoursewareItem> CoursewareItems => Set<CoursewareItem>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<ConsultationEvent> ConsultationEvents => Set<ConsultationEvent>();
    public DbSet<ConsultationAttachment> ConsultationAttachments => Set<ConsultationAttachment>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralTransition> ReferralTransitions => Set<ReferralTransition>();
    public DbSet<ReferralAttachment> ReferralAttachments => Set<ReferralAttachment>();
    public DbSet<TransportCentre> TransportCentres => Set<TransportCentre>();
    public DbSet<Vehicle> Vehicles => Set<Vehicle>();
    public DbSet<TransportRun> TransportRuns => Set<TransportRun>();

    private string? _actor;

    /// Who the changes are made for: set by <see cref="AppDbContextFactory"/> when a context is opened for a caller,
    /// otherwise the caller of the request or circuit event that saves (a scoped Identity context, for one).
    public string Actor
    {
        get => _actor ?? AuditCaller.Actor;
        set => _actor = value;
    }

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace?.StartsWith("Bangfu.Features", StringComparison.Ordinal) == true);
        builder.Entity<AppUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(60);
            b.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AuditEntry>(b =>
        {
            b.Property(a => a.UserName).HasMaxLength(64);
            b.Property(a => a.EntityType).HasMaxLength(64);
            b.Property(a => a.EntityId).HasMaxLength(64);
            b.Property(a => a.Action).HasMaxLength(32);
            b.Property(a => a.Category).HasMaxLength(16);
            b.Property(a => a.Address).HasMaxLength(64);
            b.Property(a => a.PreviousHash).HasMaxLength(64);
            b.Property(a => a.Hash).HasMaxLength(64);
            b.HasIndex(a => new { a.EntityType, a.EntityId });
            // The chain has one row per number: a second writer that read the same head fails instead of forking it.
            b.HasIndex(a => a.Sequence).IsUnique();
            // The 操作日志 and 登录日志 filters.
            b.HasIndex(a => new { a.Category, a.At });
            b.HasIndex(a => new { a.UserName, a.At });
            b.HasIndex(a => new { a.Action, a.At });
            b.HasIndex(a => a.Address);
        });
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoredValueCheck.Run(ChangeTracker);
        var now = Clock.GetUtcNow();
        var pending = StampChanges();
        // Rows a caller adds itself (security events, identity reveals) are linked with the rest.
        var written = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (pending.Count == 0 && written.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // Keys of new rows are known only after the first save, so the audit rows go in a second one;
        // one transaction keeps the change and its audit together.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var count = 0;
            if (pending.Count > 0)
            {
                // The audit rows wait for the second save, where they are linked into the chain in order.
                foreach (var row in written)
                    Entry(row).State = EntityState.Detached;
                count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                AuditEntries.AddRange(written);
            }
            var address = AuditCaller.Current?.Address;
            var rows = new List<AuditEntry>(written);
            foreach (var (entry, action, changes, before) in pending)
            {
                var row = new AuditEntry
                {
                    At = now,
                    UserName = Actor,
                    Address = address,
                    EntityType = entry.Metadata.ClrType.Name,
                    EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                    Action = action,
                    // A new row's snapshot is taken now that the database has given it (and the rows it points to) real keys.
                    Changes = changes ?? Snapshot(entry, e => true),
                    Before = before,
                };
                AuditEntries.Add(row);
                rows.Add(row);
            }
            await AuditChain.LinkAsync(this, rows, cancellationToken);
            var audit = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            return pending.Count > 0 ? count : audit;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        catch (DbUpdateException e) when (RuleLock.IsDuplicateKey(e))
        {
            throw new DuplicateRecordException(e);
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: auditing is asynchronous.");

    private List<(EntityEntry Entry, string Action, string? Changes, string? Before)> StampChanges()
    {
        var pending = new List<(EntityEntry, string, string?, string?)>();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.Metadata.ClrType.Namespace?.StartsWith("Bangfu.Features", StringComparison.Ordinal) != true)
                continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add((entry, "Created", null, null));
                    break;
                case EntityState.Modified:
                    if (entry.Entity is IVersioned v)
                        v.Version++;
                    var action = entry.Entity is ISoftDeletable { DeletedAt: not null } && entry.Property(nameof(ISoftDeletable.DeletedAt)).IsModified
                        ? "Deleted" : "Updated";
                    if (action == "Deleted")
                        ((ISoftDeletable)entry.Entity).DeletedBy = Actor;
                    pending.Add((entry, action, Snapshot(entry, p => p.IsModified), Snapshot(entry, p => p.IsModified, original: true)));
                    break;
                case EntityState.Deleted:
                    pending.Add((entry, "Removed", Snapshot(entry, e => true), Snapshot(entry, e => true, original: true)));
                    break;
                default:
                    break;
            }
        }
        return pending;
    }

    private static string Snapshot(EntityEntry entry, Func<PropertyEntry, bool> include, bool original = false)
    {
        var values = entry.Properties
            .Where(p => include(p) && p.Metadata.Name is not nameof(IVersioned.Version) and not "PasswordHash" and not "SecurityStamp" and not "ConcurrencyStamp"
                && !p.Metadata.Name.EndsWith("Cipher", StringComparison.Ordinal))
            .ToDictionary(p => p.Metadata.Name, p => (original ? p.OriginalValue : p.CurrentValue)?.ToString());
        return JsonSerializer.Serialize(values, SnapshotJson);
    }

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
