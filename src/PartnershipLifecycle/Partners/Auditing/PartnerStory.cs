using System.Globalization;
using System.Text;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.WinningBack;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Partners.Auditing;

public enum StoryOutcome
{
    InProgress = 1,
    Recruited,
    Lost,
}

public sealed record Milestone(Stage Stage, DateOnly On);

/// <summary>How a partner was recruited or lost: the facts, and a short narrative built from them.</summary>
public sealed record PartnerStory(
    Guid PartnerId,
    string Name,
    StoryOutcome Outcome,
    RecruitmentChannel Channel,
    Guid? ReferredByPartnerId,
    IReadOnlyList<Milestone> Milestones,
    int? DaysToMou,
    LossReason? LossReason,
    int ContactsDeparted,
    string Narrative)
{
    /// <summary>
    /// Tells the story of a stream's events, given in recording order (a pure function of them). The story follows the
    /// business dates: the events are taken in date order, recording order breaking ties, so a back-dated entry lands
    /// where it happened (the first outreach dated 5 March makes the <c>contacted</c> milestone 5 March even when one
    /// dated 20 March was entered first). Only where the partner stands now follows the recording order.
    /// </summary>
    public static PartnerStory Tell(Guid partnerId, IReadOnlyList<object> recorded, string? referrerName = null)
    {
        var identified = recorded.OfType<ProspectIdentified>().First();
        var now = recorded.Aggregate(Stage.Prospect, StageTransitions.After);
        var events = InDateOrder(recorded);
        var milestones = new List<Milestone>();
        var stage = Stage.Prospect;
        var departures = new List<ContactDeparted>();
        PartnershipLost? lastLoss = null;
        DateOnly? firstMou = null;

        foreach (var e in events)
        {
            var next = StageTransitions.After(stage, e);
            if (e is ProspectIdentified || next != stage)
            {
                milestones.Add(new Milestone(next, ((IPartnerEvent)e).OccurredOn));
            }

            stage = next;
            switch (e)
            {
                case ContactDeparted departed:
                    departures.Add(departed);
                    break;
                case PartnershipLost lost:
                    lastLoss = lost;
                    break;
                case MouSigned signed:
                    firstMou ??= signed.SignedOn;
                    break;
            }
        }

        // Where the partner stands now: won (an MOU in force, even paused), lost, or still being recruited (or won back).
        var outcome = now switch
        {
            Stage.Lost => StoryOutcome.Lost,
            Stage.Active or Stage.Paused => StoryOutcome.Recruited,
            _ => StoryOutcome.InProgress,
        };

        int? daysToMou = firstMou is { } signedOn ? signedOn.DayNumber - identified.OccurredOn.DayNumber : null;
        var narrative = Narrate(identified, referrerName, events, milestones, daysToMou, departures, now);
        return new PartnerStory(partnerId, identified.Name, outcome, identified.Channel, identified.ReferredByPartnerId,
            milestones, daysToMou, lastLoss?.Reason, departures.Count, narrative);
    }

    private static string Narrate(ProspectIdentified identified, string? referrerName, IReadOnlyList<object> events,
        List<Milestone> milestones, int? daysToMou, List<ContactDeparted> departures, Stage now)
    {
        var text = new StringBuilder();
        text.Append($"{identified.Name} was identified on {Day(identified.OccurredOn)} through {Words(identified.Channel)}");
        text.Append(identified.ReferredByPartnerId is null ? "." : $", referred by {referrerName ?? "another partner"}.");

        if (First(milestones, Stage.Contacted) is { } contacted)
        {
            text.Append($" First contact followed on {Day(contacted)}.");
        }

        if (First(milestones, Stage.Pitched) is { } pitched)
        {
            text.Append($" It was pitched on {Day(pitched)}.");
        }

        foreach (var pilot in events.OfType<PilotStarted>())
        {
            var completed = events.OfType<PilotCompleted>().FirstOrDefault(c => c.OccurredOn >= pilot.StartsOn);
            text.Append(completed is null
                ? $" A pilot began on {Day(pilot.StartsOn)}."
                : $" A pilot ran from {Day(pilot.StartsOn)} to {Day(completed.OccurredOn)}, rated {completed.Rating} of 5.");
        }

        if (events.OfType<MouSigned>().FirstOrDefault() is { } mou)
        {
            text.Append($" The MOU was signed on {Day(mou.SignedOn)}, {daysToMou} days after the partner was identified.");
        }

        if (departures.Count > 0)
        {
            var champions = departures.Count(d => d.Role == ContactRole.Champion);
            text.Append(departures.Count == 1 ? " One contact departed" : $" {departures.Count} contacts departed");
            text.Append(champions switch
            {
                0 => ".",
                1 when departures.Count == 1 => ", the champion.",
                1 => ", among them the champion.",
                _ => $", among them {champions} champions.",
            });
        }

        foreach (var e in events)
        {
            switch (e)
            {
                case PartnershipLost lost:
                    text.Append($" It was lost on {Day(lost.OccurredOn)} ({Words(lost.Reason)}) while {lost.FromStage.ToWire()}.");
                    break;
                case PartnershipReactivated back:
                    text.Append($" It was approached again on {Day(back.OccurredOn)} through {Words(back.Channel)}.");
                    break;
            }
        }

        text.Append($" It is now {now.ToWire()}.");
        return text.ToString();
    }

    /// <summary>The identification first, then every event by business date; a stable sort, so ties keep recording order.</summary>
    private static IReadOnlyList<object> InDateOrder(IReadOnlyList<object> recorded) =>
        [.. recorded.Select((e, i) => (Event: e, Index: i))
            .OrderBy(x => x.Event is ProspectIdentified ? DateOnly.MinValue : ((IPartnerEvent)x.Event).OccurredOn)
            .ThenBy(x => x.Index)
            .Select(x => x.Event)];

    private static DateOnly? First(List<Milestone> milestones, Stage stage) => milestones.FirstOrDefault(m => m.Stage == stage)?.On;

    private static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Words(Enum value) => PartnershipJson.ToWire(value).Replace('_', ' ');
}
