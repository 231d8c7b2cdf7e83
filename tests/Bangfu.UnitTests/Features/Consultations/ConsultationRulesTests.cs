using Bangfu.Common;
using Bangfu.Features.Consultations;

namespace Bangfu.UnitTests.Features.Consultations;

public sealed class ConsultationRulesTests
{
    [Fact]
    public void The_main_path_and_its_branches_are_in_the_table_with_their_sides()
    {
        (ConsultationAction, ConsultationState, ConsultationState, ConsultationSide)[] expected =
        [
            (ConsultationAction.Submit, ConsultationState.Draft, ConsultationState.Submitted, ConsultationSide.Inviting),
            (ConsultationAction.Submit, ConsultationState.Returned, ConsultationState.Submitted, ConsultationSide.Inviting),
            (ConsultationAction.Return, ConsultationState.Submitted, ConsultationState.Returned, ConsultationSide.Invited),
            (ConsultationAction.Decline, ConsultationState.Submitted, ConsultationState.Declined, ConsultationSide.Invited),
            (ConsultationAction.Accept, ConsultationState.Submitted, ConsultationState.Accepted, ConsultationSide.Invited),
            (ConsultationAction.Schedule, ConsultationState.Accepted, ConsultationState.Scheduled, ConsultationSide.Invited),
            (ConsultationAction.StartSession, ConsultationState.Scheduled, ConsultationState.InSession, ConsultationSide.Invited),
            (ConsultationAction.EndSession, ConsultationState.InSession, ConsultationState.SessionEnded, ConsultationSide.Invited),
            (ConsultationAction.SignOpinion, ConsultationState.SessionEnded, ConsultationState.OpinionSigned, ConsultationSide.Invited),
            (ConsultationAction.File, ConsultationState.OpinionSigned, ConsultationState.Filed, ConsultationSide.Inviting),
            (ConsultationAction.Rate, ConsultationState.Filed, ConsultationState.Filed, ConsultationSide.Inviting),
        ];
        foreach (var (action, from, to, side) in expected)
        {
            var t = ConsultationRules.Require(action, from);
            Assert.Equal((to, side), (t.To, t.Side));
        }
    }

    [Fact]
    public void Cancelling_is_possible_only_before_the_session_and_ending_states_allow_nothing()
    {
        var cancellable = Enum.GetValues<ConsultationState>().Where(s => ConsultationRules.Find(ConsultationAction.Cancel, s) is not null).ToArray();
        Assert.Equal([ConsultationState.Draft, ConsultationState.Submitted, ConsultationState.Returned, ConsultationState.Accepted, ConsultationState.Scheduled], cancellable);
        foreach (var end in new[] { ConsultationState.Declined, ConsultationState.Cancelled })
        {
            Assert.Empty(ConsultationRules.Allowed(end, ConsultationSide.Inviting));
            Assert.Empty(ConsultationRules.Allowed(end, ConsultationSide.Invited));
        }
    }

    [Theory]
    [InlineData(ConsultationAction.File, ConsultationState.Draft)]
    [InlineData(ConsultationAction.Accept, ConsultationState.Returned)]
    [InlineData(ConsultationAction.SignOpinion, ConsultationState.Scheduled)]
    [InlineData(ConsultationAction.Cancel, ConsultationState.InSession)]
    [InlineData(ConsultationAction.Submit, ConsultationState.Filed)]
    public void Anything_else_is_refused_naming_the_current_state(ConsultationAction action, ConsultationState state)
    {
        var refused = Assert.Throws<DomainRuleException>(() => ConsultationRules.Require(action, state));
        Assert.Equal($"Consult.Illegal.{state}", refused.MessageKey);
    }

    [Fact]
    public void Only_drafts_and_returned_requests_are_editable()
    {
        Assert.Equal([ConsultationState.Draft, ConsultationState.Returned], Enum.GetValues<ConsultationState>().Where(ConsultationRules.IsEditable));
        Assert.True(ConsultationRules.NeedsReason(ConsultationAction.Return));
        Assert.False(ConsultationRules.NeedsReason(ConsultationAction.Accept));
    }

    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void A_consultant_is_registered_of_the_invited_organization_and_long_enough_in_practice()
    {
        var options = new ConsultationOptions();
        Assert.Null(ConsultantRules.Check(new(7, "L1", new DateOnly(2023, 11, 23)), 7, Today, options));
        Assert.Equal("Consult.Rule.ConsultantNotInvited", ConsultantRules.Check(new(8, "L1", new DateOnly(2000, 1, 1)), 7, Today, options)?.Key);
        Assert.Equal("Consult.Rule.ConsultantUnregistered", ConsultantRules.Check(new(7, " ", new DateOnly(2000, 1, 1)), 7, Today, options)?.Key);
        Assert.Equal("Consult.Rule.ConsultantTooJunior", ConsultantRules.Check(new(7, "L1", new DateOnly(2023, 11, 24)), 7, Today, options)?.Key);
        Assert.Equal("Consult.Rule.ConsultantTooJunior", ConsultantRules.Check(new(7, "L1", null), 7, Today, options)?.Key);
    }

    [Fact]
    public void The_thresholds_come_from_configuration()
    {
        var strict = new ConsultationOptions { MinYearsOfIndependentPractice = 5 };
        var broken = ConsultantRules.Check(new(7, "L1", new DateOnly(2022, 1, 1)), 7, Today, strict);
        Assert.Equal(("Consult.Rule.ConsultantTooJunior", 5), (broken?.Key, (int)broken!.Value.Args[0]));
        var lenient = new ConsultationOptions { MinYearsOfIndependentPractice = 0, RequireLicence = false };
        Assert.Null(ConsultantRules.Check(new(7, null, null), 7, Today, lenient));
    }
}
