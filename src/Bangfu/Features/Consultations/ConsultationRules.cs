using System.Text.Json.Serialization;
using Bangfu.Common;

namespace Bangfu.Features.Consultations;

[JsonConverter(typeof(JsonStringEnumConverter<ConsultationAction>))]
public enum ConsultationAction
{
    Create,
    Submit,
    Return,
    Decline,
    Accept,
    Schedule,
    StartSession,
    EndSession,
    SignOpinion,
    File,
    Rate,
    Cancel,
}

/// Which organization of a consultation may take an action.
public enum ConsultationSide
{
    Inviting,
    Invited,
}

/// The whole state machine in one table: 申请 → 预审 (may return for more material, or decline) → 排期 → 会诊 →
/// 出具意见 → 归档/评价. Anything not in the table is a 409 naming the current state.
public static class ConsultationRules
{
    public sealed record Transition(ConsultationAction Action, ConsultationState From, ConsultationState To, ConsultationSide Side);

    public static readonly IReadOnlyList<Transition> Table =
    [
        new(ConsultationAction.Submit, ConsultationState.Draft, ConsultationState.Submitted, ConsultationSide.Inviting),
        new(ConsultationAction.Submit, ConsultationState.Returned, ConsultationState.Submitted, ConsultationSide.Inviting),
        new(ConsultationAction.Return, ConsultationState.Submitted, ConsultationState.Returned, ConsultationSide.Invited),
        new(ConsultationAction.Decline, ConsultationState.Submitted, ConsultationState.Declined, ConsultationSide.Invited),
        new(ConsultationAction.Accept, ConsultationState.Submitted, ConsultationState.Accepted, ConsultationSide.Invited),
        new(ConsultationAction.Schedule, ConsultationState.Accepted, ConsultationState.Scheduled, ConsultationSide.Invited),
        // A slot may be moved (or the consultant changed) until the session starts.
        new(ConsultationAction.Schedule, ConsultationState.Scheduled, ConsultationState.Scheduled, ConsultationSide.Invited),
        new(ConsultationAction.StartSession, ConsultationState.Scheduled, ConsultationState.InSession, ConsultationSide.Invited),
        new(ConsultationAction.EndSession, ConsultationState.InSession, ConsultationState.SessionEnded, ConsultationSide.Invited),
        new(ConsultationAction.SignOpinion, ConsultationState.SessionEnded, ConsultationState.OpinionSigned, ConsultationSide.Invited),
        new(ConsultationAction.File, ConsultationState.OpinionSigned, ConsultationState.Filed, ConsultationSide.Inviting),
        new(ConsultationAction.Rate, ConsultationState.Filed, ConsultationState.Filed, ConsultationSide.Inviting),
        new(ConsultationAction.Cancel, ConsultationState.Draft, ConsultationState.Cancelled, ConsultationSide.Inviting),
        new(ConsultationAction.Cancel, ConsultationState.Submitted, ConsultationState.Cancelled, ConsultationSide.Inviting),
        new(ConsultationAction.Cancel, ConsultationState.Returned, ConsultationState.Cancelled, ConsultationSide.Inviting),
        new(ConsultationAction.Cancel, ConsultationState.Accepted, ConsultationState.Cancelled, ConsultationSide.Inviting),
        new(ConsultationAction.Cancel, ConsultationState.Scheduled, ConsultationState.Cancelled, ConsultationSide.Inviting),
    ];

    /// Actions that need a reason in the history (a return says what material is missing).
    public static bool NeedsReason(ConsultationAction action) =>
        action is ConsultationAction.Return or ConsultationAction.Decline or ConsultationAction.Cancel;

    /// The request itself (and its attachments) may be changed only while it is with the inviting side.
    public static bool IsEditable(ConsultationState state) => state is ConsultationState.Draft or ConsultationState.Returned;

    /// The consultant may keep an unsigned opinion from the session's start until it is signed.
    public static bool CanDraftOpinion(ConsultationState state) => state is ConsultationState.InSession or ConsultationState.SessionEnded;

    public static Transition? Find(ConsultationAction action, ConsultationState from) =>
        Table.FirstOrDefault(t => t.Action == action && t.From == from);

    /// The transition for <paramref name="action"/> from <paramref name="from"/>, or a 409 naming the current state.
    public static Transition Require(ConsultationAction action, ConsultationState from) =>
        Find(action, from) ?? throw new DomainRuleException($"Consult.Illegal.{from}");

    /// What the given side may do in the given state (the pages show these buttons only).
    public static IReadOnlyList<ConsultationAction> Allowed(ConsultationState state, ConsultationSide side) =>
        Table.Where(t => t.From == state && t.Side == side).Select(t => t.Action).Distinct().ToList();
}

/// 会诊专家资质: configurable under `Bangfu:Consultations`.
public sealed class ConsultationOptions
{
    /// Years of independent practice (独立执业) a consultant needs; 3 by the national rule for remote consultation.
    public int MinYearsOfIndependentPractice { get; set; } = 3;

    /// Whether a practising licence number (执业证书编码) must be recorded on the consultant.
    public bool RequireLicence { get; set; } = true;
}

/// The consultant rules, checked when a slot is scheduled with a named consultant.
public static class ConsultantRules
{
    public sealed record Candidate(int OrganizationId, string? LicenceNumber, DateOnly? IndependentPracticeSince);

    /// Null when the candidate qualifies, else the message key of the first rule broken.
    public static (string Key, object[] Args)? Check(Candidate person, int invitedOrganizationId, DateOnly onDate, ConsultationOptions options)
    {
        if (person.OrganizationId != invitedOrganizationId)
            return ("Consult.Rule.ConsultantNotInvited", []);
        if (options.RequireLicence && string.IsNullOrWhiteSpace(person.LicenceNumber))
            return ("Consult.Rule.ConsultantUnregistered", []);
        var years = options.MinYearsOfIndependentPractice;
        if (years > 0 && (person.IndependentPracticeSince is not { } since || since > onDate.AddYears(-years)))
            return ("Consult.Rule.ConsultantTooJunior", [years]);
        return null;
    }
}
