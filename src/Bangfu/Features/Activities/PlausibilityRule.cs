using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Activities;

/// What a plausibility rule looks at (ADR 0020).
public enum PlausibilityCheck
{
    /// The quantity of one kind one expert records for one day (detail rows, not monthly totals).
    PerExpertDay,

    /// The quantity of one kind recorded at one host in one month, over all partnerships.
    PerHostMonth,

    /// A date before the partnership began (for the host's own side and administrators; partners are refused anyway).
    BeforePartnership,

    /// A date before the expert's first dispatch in the partnership began, for an entry linked to no dispatch.
    BeforeDispatch,

    /// Work recorded at another host on a day the expert is stationed (驻点) somewhere else.
    StationedElsewhere,
}

public enum PlausibilityAction
{
    Off,
    Warn,
    Refuse,
}

/// One rule as data: the count rules carry a warn and a refuse threshold per activity kind (null: none), the date and
/// place rules an action. Seeded with the defaults of ADR 0020; an administrator changes them.
public sealed class PlausibilityRule : Bangfu.Common.IVersioned
{
    public int Id { get; set; }
    public PlausibilityCheck Check { get; set; }
    public ActivityKind? Kind { get; set; }
    public int? WarnAbove { get; set; }
    public int? RefuseAbove { get; set; }
    public PlausibilityAction Action { get; set; }
    public int Version { get; set; }

    /// Kind → (per expert per day warn, refuse; per host per month warn, refuse). Reasons in ADR 0020.
    public static readonly IReadOnlyDictionary<ActivityKind, (int DayWarn, int DayRefuse, int MonthWarn, int MonthRefuse)> Defaults =
        new Dictionary<ActivityKind, (int, int, int, int)>
        {
            [ActivityKind.Surgery] = (8, 30, 600, 3000),
            [ActivityKind.SurgicalDemonstration] = (6, 20, 200, 1000),
            [ActivityKind.TeachingRound] = (4, 12, 120, 600),
            [ActivityKind.CaseDiscussion] = (4, 12, 120, 600),
            [ActivityKind.Lecture] = (3, 8, 60, 300),
            [ActivityKind.Outpatient] = (80, 300, 3000, 20000),
            [ActivityKind.Inpatient] = (40, 150, 1500, 10000),
            [ActivityKind.Consultation] = (30, 100, 600, 3000),
            [ActivityKind.FreeClinic] = (2, 5, 30, 150),
            [ActivityKind.Screening] = (200, 1000, 3000, 20000),
            [ActivityKind.Rescue] = (10, 40, 200, 1000),
            [ActivityKind.ManagementGuidance] = (4, 12, 60, 300),
            [ActivityKind.RemoteConsultation] = (20, 80, 500, 3000),
        };

    public static IEnumerable<PlausibilityRule> Seed()
    {
        var id = 1;
        foreach (var (kind, d) in Defaults.OrderBy(k => k.Key))
        {
            yield return new PlausibilityRule { Id = id++, Check = PlausibilityCheck.PerExpertDay, Kind = kind, WarnAbove = d.DayWarn, RefuseAbove = d.DayRefuse };
            yield return new PlausibilityRule { Id = id++, Check = PlausibilityCheck.PerHostMonth, Kind = kind, WarnAbove = d.MonthWarn, RefuseAbove = d.MonthRefuse };
        }
        yield return new PlausibilityRule { Id = 100, Check = PlausibilityCheck.BeforePartnership, Action = PlausibilityAction.Warn };
        yield return new PlausibilityRule { Id = 101, Check = PlausibilityCheck.BeforeDispatch, Action = PlausibilityAction.Warn };
        yield return new PlausibilityRule { Id = 102, Check = PlausibilityCheck.StationedElsewhere, Action = PlausibilityAction.Warn };
    }
}

public sealed class PlausibilityRuleConfiguration : IEntityTypeConfiguration<PlausibilityRule>
{
    public void Configure(EntityTypeBuilder<PlausibilityRule> builder)
    {
        builder.Property(r => r.Check).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Action).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Check, r.Kind }).IsUnique();
        builder.HasData(PlausibilityRule.Seed());
    }
}

/// 待核实 and what became of it.
public enum ActivityReviewStatus
{
    None,
    Pending,
    Accepted,
    SentBack,
}
