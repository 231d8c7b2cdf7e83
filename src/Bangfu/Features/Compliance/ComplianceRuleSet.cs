using Bangfu.Common;
using Bangfu.Features.Partnerships;
using Bangfu.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bangfu.Features.Compliance;

/// The dispatch rules a partnership is held to (domain §4). Data, not code: a province changes the numbers here.
/// A null threshold means the rule does not apply.
public sealed class ComplianceRuleSet : IVersioned
{
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }

    /// ≥ N distinct staff on site per supported hospital per year (三级医院对口帮扶县级医院: 5).
    public int? MinStaffPerYear { get; set; }

    /// Each stationed expert stays at least N consecutive days (6 months, counted as 183).
    public int? MinContinuousDays { get; set; }

    /// Someone is stationed on site every day of the year; the uncovered ranges are listed.
    public bool RequireYearRoundCoverage { get; set; }

    /// 组团式: 5–7 people per batch, with at least N associate-senior (副高) or above.
    public int? TeamSizeMin { get; set; }
    public int? TeamSizeMax { get; set; }
    public int? MinAssociateSeniorPerTeam { get; set; }

    /// 城市医疗集团 → 社区: on site at least N days a week (averaged over the weeks of the year the partnership runs).
    public int? MinDaysPerWeek { get; set; }

    /// A trainee's mentor has at least this title level (seed 004: 副高 or above); null = no mentor rule.
    public TitleLevel? MentorMinimumLevel { get; set; } = TitleLevel.AssociateSenior;

    /// Whether a mentor below the level is refused (409) or only warned about.
    public bool IsMentorRuleStrict { get; set; }
    public int Version { get; set; }

    public static ComplianceRuleSet DefaultsFor(int partnershipId, PartnershipKind kind) => kind switch
    {
        PartnershipKind.CounterpartSupport or PartnershipKind.Trusteeship => new ComplianceRuleSet
        {
            PartnershipId = partnershipId,
            MinStaffPerYear = 5,
            MinContinuousDays = 183,
            RequireYearRoundCoverage = true,
        },
        PartnershipKind.CloseConsortium => new ComplianceRuleSet { PartnershipId = partnershipId, MinStaffPerYear = 1, MinContinuousDays = 183 },
        PartnershipKind.MountainSea => new ComplianceRuleSet { PartnershipId = partnershipId, MinStaffPerYear = 5, MinContinuousDays = 183 },
        _ => new ComplianceRuleSet { PartnershipId = partnershipId },
    };
}

public sealed class ComplianceRuleSetConfiguration : IEntityTypeConfiguration<ComplianceRuleSet>
{
    public void Configure(EntityTypeBuilder<ComplianceRuleSet> builder)
    {
        builder.ToTable("ComplianceRuleSets");
        builder.HasKey(r => r.PartnershipId);
        builder.HasOne(r => r.Partnership).WithOne().HasForeignKey<ComplianceRuleSet>(r => r.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.MentorMinimumLevel).HasConversion<string>().HasMaxLength(20);
    }
}
