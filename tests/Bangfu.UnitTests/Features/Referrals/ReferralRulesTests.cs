using Bangfu.Features.Referrals;

namespace Bangfu.UnitTests.Features.Referrals;

public sealed class ReferralRulesTests
{
    [Theory]
    [InlineData(ReferralStatus.Draft, ReferralAction.Submit, ReferralStatus.Submitted)]
    [InlineData(ReferralStatus.Draft, ReferralAction.Cancel, ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.Submitted, ReferralAction.Accept, ReferralStatus.Accepted)]
    [InlineData(ReferralStatus.Submitted, ReferralAction.Reject, ReferralStatus.Rejected)]
    [InlineData(ReferralStatus.Submitted, ReferralAction.Cancel, ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.Accepted, ReferralAction.Depart, ReferralStatus.InTransit)]
    [InlineData(ReferralStatus.Accepted, ReferralAction.Cancel, ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.InTransit, ReferralAction.Receive, ReferralStatus.Received)]
    [InlineData(ReferralStatus.Received, ReferralAction.Complete, ReferralStatus.Completed)]
    public void Legal_steps_lead_to_the_next_status(ReferralStatus from, ReferralAction action, ReferralStatus to) =>
        Assert.Equal(to, ReferralRules.Next(from, action));

    [Fact]
    public void Every_other_pair_of_status_and_action_is_illegal()
    {
        var legal = ReferralRules.Steps.Select(s => (s.From, s.Action)).ToHashSet();
        Assert.Equal(9, legal.Count);
        foreach (var status in Enum.GetValues<ReferralStatus>())
        {
            foreach (var action in Enum.GetValues<ReferralAction>().Where(a => !legal.Contains((status, a))))
                Assert.Null(ReferralRules.Next(status, action));
        }
        foreach (var final in new[] { ReferralStatus.Rejected, ReferralStatus.Completed, ReferralStatus.Cancelled })
            Assert.Empty(ReferralRules.Allowed(final, ReferralSide.Sender | ReferralSide.Receiver | ReferralSide.Transport));
    }

    [Fact]
    public void Each_side_takes_only_its_own_steps()
    {
        Assert.Equal([ReferralAction.Submit, ReferralAction.Cancel], ReferralRules.Allowed(ReferralStatus.Draft, ReferralSide.Sender));
        Assert.Empty(ReferralRules.Allowed(ReferralStatus.Draft, ReferralSide.Receiver));
        Assert.Equal([ReferralAction.Accept, ReferralAction.Reject], ReferralRules.Allowed(ReferralStatus.Submitted, ReferralSide.Receiver));
        Assert.False(ReferralRules.MayTake(ReferralStatus.Submitted, ReferralAction.Accept, ReferralSide.Sender));
        Assert.True(ReferralRules.MayTake(ReferralStatus.Accepted, ReferralAction.Depart, ReferralSide.Transport));
        Assert.True(ReferralRules.MayTake(ReferralStatus.InTransit, ReferralAction.Receive, ReferralSide.Transport));
        Assert.False(ReferralRules.MayTake(ReferralStatus.Received, ReferralAction.Complete, ReferralSide.Transport));
        Assert.True(ReferralRules.CanReturn(ReferralStatus.Received));
        Assert.False(ReferralRules.CanReturn(ReferralStatus.InTransit));
    }
}
