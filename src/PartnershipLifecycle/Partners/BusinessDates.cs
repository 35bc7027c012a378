using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners;

/// <summary>
/// The one rule for the business dates of a partner's events: a date may not contradict the partner's own history.
/// Applied to every command's accepted events by the command pipeline (<see cref="PartnerStream.Admit"/>), so no
/// decision repeats it. For each event, its date may not be before:
/// <list type="bullet">
/// <item>the day the partner was identified (<see cref="Partner.ProspectedOn"/>), whatever the event;</item>
/// <item>for an event that moves the partner to another stage (outreach from <c>prospect</c>, a pitch from
/// <c>contacted</c>, a pilot, an MOU, a pause, a resumption, a loss, a reactivation): the day it entered its current
/// stage (<see cref="Partner.StageSince"/>), so milestones never run backwards and, after a win-back, the new
/// cycle's steps are not before the reactivation;</item>
/// <item>a pitch outcome: the pitch it answers; a pilot's completion: the pilot's start; a follow-up's completion: the
/// day it was scheduled; an MOU's amendment, renewal or evaluation: the MOU's signing; a contact's role change or
/// departure: the day the contact was added;</item>
/// <item>an MOU's <c>startsOn</c> and a follow-up's <c>dueOn</c>: the day the partner was identified.</item>
/// </list>
/// Events whose date the service sets (<c>follow_up_scheduled</c>'s <c>scheduledOn</c>, automation's events) are not
/// checked. The refusal is 400 naming the command's field (e.g. <c>signedOn</c>, <c>startsOn</c>, <c>occurredOn</c>)
/// and the date it may not precede, also given as <c>notBefore</c> (<c>YYYY-MM-DD</c>).
/// </summary>
public static class BusinessDates
{
    /// <summary>The first event of <paramref name="events"/> whose date contradicts <paramref name="partner"/>'s history, as a refusal; otherwise null.</summary>
    public static Rejection? Check(Partner partner, IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            foreach (var (field, date, notBefore, since) in Constraints(partner, e))
            {
                if (date < notBefore)
                {
                    return NotBefore(field, notBefore, since);
                }
            }
        }

        return null;
    }

    /// <summary>400 naming <paramref name="field"/>: "'occurredOn' may not be before 2026-11-30, when the partner was identified."</summary>
    public static Rejection NotBefore(string field, DateOnly notBefore, string since)
    {
        var message = ApiText.Format("Date.NotBeforeHistory", ("field", field), ("date", ApiText.Day(notBefore)), ("since", since));
        return new Rejection(RejectionKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] },
            new Dictionary<string, object?> { ["notBefore"] = notBefore.ToString("yyyy-MM-dd") });
    }

    private static IEnumerable<(string Field, DateOnly Date, DateOnly NotBefore, string Since)> Constraints(Partner p, object e)
    {
        if (e is FollowUpScheduled scheduled)
        {
            // Its own date is the service's (scheduledOn); the date the coordinator gives is when it is due.
            yield return ("dueOn", scheduled.DueOn, p.ProspectedOn, ApiText.Format("Since.Identified"));
            yield break;
        }

        if (e is not IPartnerEvent dated || e is Identifying.ProspectIdentified or MouExpiring)
        {
            yield break;
        }

        var field = FieldOf(e);
        var on = dated.OccurredOn;
        yield return (field, on, p.ProspectedOn, ApiText.Format("Since.Identified"));

        var next = StageTransitions.After(p.Stage, e);
        if (next != p.Stage)
        {
            yield return (field, on, p.StageSince, ApiText.Format("Since.Stage", ("stage", p.Stage.ToWire())));
        }

        switch (e)
        {
            case PitchOutcomeRecorded when p.LatestPitch is { } pitch:
                yield return (field, on, pitch.DeliveredOn, ApiText.Format("Since.Pitched"));
                break;
            case PilotCompleted when p.Pilot is { } pilot:
                yield return (field, on, pilot.StartsOn, ApiText.Format("Since.PilotStarted"));
                break;
            case FollowUpCompleted done when p.FindFollowUp(done.FollowUpId) is { } followUp:
                yield return (field, on, followUp.ScheduledOn, ApiText.Format("Since.FollowUpScheduled"));
                break;
            case MouAmended or MouRenewed or EvaluationRecorded when p.ActiveMou is { } mou:
                yield return (field, on, mou.SignedOn, ApiText.Format("Since.MouSigned"));
                break;
            case ContactRoleChanged changed when p.FindContact(changed.ContactId) is { } contact:
                yield return (field, on, contact.AddedOn, ApiText.Format("Since.ContactAdded"));
                break;
            case ContactDeparted departed when p.FindContact(departed.ContactId) is { } contact:
                yield return (field, on, contact.AddedOn, ApiText.Format("Since.ContactAdded"));
                break;
            case Pausing.PartnershipResumed when p.Pause is { } pause:
                yield return (field, on, pause.Since, ApiText.Format("Since.Paused"));
                break;
            case WinningBack.PartnershipReactivated when p.Loss is { } loss:
                yield return (field, on, loss.On, ApiText.Format("Since.Lost"));
                break;
            case MouSigned signed:
                yield return ("startsOn", signed.StartsOn, p.ProspectedOn, ApiText.Format("Since.Identified"));
                break;
        }
    }

    // The command's name for the event's business date.
    private static string FieldOf(object e) => e switch
    {
        MouSigned => "signedOn",
        PilotStarted => "startsOn",
        _ => "occurredOn",
    };
}
