using Bangfu.Features.Partnerships;

namespace Bangfu.UnitTests.Features.Partnerships;

public sealed class PartnershipRulesTests
{
    [Theory]
    [InlineData(PartnershipKind.CounterpartSupport, PartyRole.Supporting, PartyRole.Supported)]
    [InlineData(PartnershipKind.MountainSea, PartyRole.Supporting, PartyRole.Supported)]
    [InlineData(PartnershipKind.Trusteeship, PartyRole.Supporting, PartyRole.Supported)]
    [InlineData(PartnershipKind.SpecialtyAlliance, PartyRole.Lead, PartyRole.Member)]
    [InlineData(PartnershipKind.CloseConsortium, PartyRole.Lead, PartyRole.Member)]
    public void Each_kind_has_a_giving_and_a_receiving_role(PartnershipKind kind, PartyRole giving, PartyRole receiving)
    {
        Assert.Equal(giving, Partnership.GivingRole(kind));
        Assert.Equal(receiving, Partnership.ReceivingRole(kind));
        Assert.Equal([giving, receiving], Partnership.RolesFor(kind));
    }

    [Fact]
    public void The_six_retained_items_of_a_trusteeship_round_trip_through_a_list()
    {
        var all = Enum.GetValues<RetainedItems>().Where(x => x != RetainedItems.None).ToList();
        var joined = FlagLists.Join(all);
        Assert.Equal(6, FlagLists.Split(joined).Count);
        Assert.Equal(all, FlagLists.Split(joined));
    }

    [Fact]
    public void No_delegated_rights_is_an_empty_list() => Assert.Empty(FlagLists.Split(DelegatedRights.None));
}
