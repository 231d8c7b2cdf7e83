namespace Bangfu.Features.Referrals;

/// What a user asks a referral to do.
public enum ReferralAction
{
    Submit,
    Accept,
    Reject,
    Depart,
    Receive,
    Complete,
    Cancel,
}

/// Which side of a referral may take an action: the sending or receiving organization, or the transport centre.
[Flags]
public enum ReferralSide
{
    None = 0,
    Sender = 1,
    Receiver = 2,
    Transport = 4,
}

/// The status flow of a referral, in one table: draft → submitted → accepted / rejected → in transit → received →
/// completed, and cancelled by the sender before the patient leaves.
public static class ReferralRules
{
    public sealed record Transition(ReferralStatus From, ReferralAction Action, ReferralStatus To, ReferralSide Sides);

    public static readonly IReadOnlyList<Transition> Steps =
    [
        new(ReferralStatus.Draft, ReferralAction.Submit, ReferralStatus.Submitted, ReferralSide.Sender),
        new(ReferralStatus.Draft, ReferralAction.Cancel, ReferralStatus.Cancelled, ReferralSide.Sender),
        new(ReferralStatus.Submitted, ReferralAction.Accept, ReferralStatus.Accepted, ReferralSide.Receiver),
        new(ReferralStatus.Submitted, ReferralAction.Reject, ReferralStatus.Rejected, ReferralSide.Receiver),
        new(ReferralStatus.Submitted, ReferralAction.Cancel, ReferralStatus.Cancelled, ReferralSide.Sender),
        new(ReferralStatus.Accepted, ReferralAction.Depart, ReferralStatus.InTransit, ReferralSide.Sender | ReferralSide.Transport),
        new(ReferralStatus.Accepted, ReferralAction.Cancel, ReferralStatus.Cancelled, ReferralSide.Sender),
        new(ReferralStatus.InTransit, ReferralAction.Receive, ReferralStatus.Received, ReferralSide.Receiver | ReferralSide.Transport),
        new(ReferralStatus.Received, ReferralAction.Complete, ReferralStatus.Completed, ReferralSide.Receiver),
    ];

    /// The status an action leads to from <paramref name="from"/>, or null when the flow does not allow it.
    public static ReferralStatus? Next(ReferralStatus from, ReferralAction action) =>
        Steps.FirstOrDefault(s => s.From == from && s.Action == action)?.To;

    /// The actions <paramref name="sides"/> may take in <paramref name="status"/>.
    public static IReadOnlyList<ReferralAction> Allowed(ReferralStatus status, ReferralSide sides) =>
        [.. Steps.Where(s => s.From == status && (s.Sides & sides) != 0).Select(s => s.Action)];

    public static bool MayTake(ReferralStatus from, ReferralAction action, ReferralSide sides) =>
        Steps.Any(s => s.From == from && s.Action == action && (s.Sides & sides) != 0);

    /// A back-referral (回转) returns a patient who has arrived.
    public static bool CanReturn(ReferralStatus status) => status is ReferralStatus.Received or ReferralStatus.Completed;

    /// The patient's transfer has not started, so the form may still change.
    public static bool IsEditable(ReferralStatus status) => status == ReferralStatus.Draft;
}
