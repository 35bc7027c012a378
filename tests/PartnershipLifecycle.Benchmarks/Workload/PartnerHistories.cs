using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;

namespace PartnershipLifecycle.Benchmarks.Workload;

/// <summary>
/// Valid event histories for seeding: a partner recruited up to an MOU (what the command mix runs on), then a
/// life of every kind of event the read models care about (contacts coming and going, engagements, evaluations,
/// follow-ups, pauses, amendments, losses and win-backs). Dates run forward from the first event to today.
/// </summary>
public static class PartnerHistories
{
    private static readonly string[] Sectors = ["manufacturing", "health", "it", "hospitality", "construction", "creative_technology", "logistics"];

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Prospect, outreach, a champion and a mentor, a pitch and an MOU: an active partner.</summary>
    public static List<object> Recruit(PartnerSlot slot, Random random, DateOnly start)
    {
        var day = start;
        var champion = Guid.CreateVersion7();
        var mentor = Guid.CreateVersion7();
        var events = new List<object>
        {
            new ProspectIdentified(slot.Name, Pick(random, Sectors), Pick(random, Enum.GetValues<RecruitmentChannel>().Where(c => c != RecruitmentChannel.PartnerReferral).ToArray()),
                $"https://{slot.Id:N}.example", null, [Motivation.AttractTalent, Motivation.GiveBack], "Met at the industry breakfast.", day,
                $"{slot.Id:N}.example"),
            new OutreachLogged(OutreachChannel.Email, "Introduced the work placement programme.", day = day.AddDays(3)),
            new ContactAdded(champion, "Chris Champion", "chris@partner.example", ContactRole.Champion, day = day.AddDays(2)),
            new ContactAdded(mentor, "Mel Mentor", null, ContactRole.Mentor, day),
            new PitchDelivered("A pipeline of trained apprentices.", [Offering.WorkPlacement, Offering.Mentorship, Offering.GuestTalk], day = day.AddDays(7)),
            new MouSigned(day = day.AddDays(14), day, day.AddYears(3), new Commitments(6, 2, 3, false),
                ["host placements", "name a mentor"], ["prepare students", "visit each placement"]),
        };
        slot.Stage = Stage.Active;
        slot.MouEndsOn = day.AddYears(3);
        slot.ActiveContacts.Add((champion, ContactRole.Champion, day));
        slot.ActiveContacts.Add((mentor, ContactRole.Mentor, day));
        slot.Version = events.Count;
        return events;
    }

    /// <summary>One more event of a partner's life on <paramref name="day"/>, allowed in its stage; updates the slot.</summary>
    public static object Next(PartnerSlot slot, Random random, DateOnly day)
    {
        slot.Version++;
        if (slot.Stage == Stage.Lost)
        {
            return Reactivate(slot, day);
        }

        if (slot.Stage == Stage.Paused)
        {
            return random.Next(2) == 0 ? Resume(slot, day) : new CommunicationLogged(CommunicationChannel.Newsletter, CommunicationDirection.Outbound, "Programme newsletter.", day);
        }

        if (slot.Stage is Stage.Prospect or Stage.Contacted or Stage.Pitched)
        {
            return slot.Stage switch
            {
                Stage.Prospect => Moved(slot, Stage.Contacted, new OutreachLogged(OutreachChannel.Phone, "Called again.", day)),
                Stage.Contacted => Moved(slot, Stage.Pitched, new PitchDelivered("Mentoring for our second-years.", [Offering.Mentorship], day)),
                _ => SignMou(slot, day),
            };
        }

        var roll = random.Next(100);
        return roll switch
        {
            < 50 => Accepted(CommandMix.Next(slot, random, day)),
            < 58 => ScheduleFollowUp(slot, random, day),
            < 64 when slot.OpenFollowUps.Count > 0 => CompleteFollowUp(slot, day),
            < 72 => new EvaluationRecorded($"{day.Year}-T{day.Month / 4 + 1}", random.Next(2, 6), random.Next(2, 6), random.Next(1, 6), random.Next(2, 6), random.Next(0, 3), null, day),
            < 76 when slot.Stage == Stage.Active => new MouAmended(new Commitments(random.Next(2, 10), random.Next(1, 4), random.Next(1, 6), random.Next(2) == 0), day, "Capacity changed."),
            < 80 when slot.Stage == Stage.Active && slot.MouEndsOn is { } ends => Renew(slot, ends, day),
            < 84 when slot.Stage == Stage.Active => Pause(slot, day),
            < 86 => Lose(slot, random, day),
            _ => Accepted(CommandMix.Next(slot, random, day)),
        };
    }

    private static object Accepted(CommandStep step)
    {
        step.Accept();
        return step.Event;
    }

    private static object Reactivate(PartnerSlot slot, DateOnly day) =>
        Moved(slot, Stage.Prospect, new PartnershipReactivated(RecruitmentChannel.PersonalNetwork, "Their new manager called us.", day));

    private static object Resume(PartnerSlot slot, DateOnly day)
    {
        slot.PausedFrom = null;
        return Moved(slot, Stage.Active, new PartnershipResumed(day));
    }

    private static object Pause(PartnerSlot slot, DateOnly day)
    {
        slot.PausedFrom = slot.Stage;
        return Moved(slot, Stage.Paused, new PartnershipPaused("Hiring freeze this quarter.", day));
    }

    private static object Lose(PartnerSlot slot, Random random, DateOnly day)
    {
        var lost = new PartnershipLost(Pick(random, [LossReason.PersonnelTurnover, LossReason.CapacityChange, LossReason.ManagementDecision, LossReason.SchedulingDifficulties]),
            "They could not continue.", day, slot.Stage);
        slot.MouEndsOn = null;
        slot.OpenFollowUps.Clear();
        return Moved(slot, Stage.Lost, lost);
    }

    private static object SignMou(PartnerSlot slot, DateOnly day)
    {
        slot.MouEndsOn = day.AddYears(2);
        return Moved(slot, Stage.Active, new MouSigned(day, day, day.AddYears(2), new Commitments(4, 1, 2, false), ["host placements"], ["prepare students"]));
    }

    private static object Renew(PartnerSlot slot, DateOnly ends, DateOnly day)
    {
        slot.MouEndsOn = ends.AddYears(1);
        return new MouRenewed(ends.AddYears(1), ends, day);
    }

    private static object ScheduleFollowUp(PartnerSlot slot, Random random, DateOnly day)
    {
        var id = Guid.CreateVersion7();
        slot.OpenFollowUps.Add((id, day));
        return new FollowUpScheduled(id, day.AddDays(random.Next(7, 30)), "Plan next term's placements.", "coordinator", day);
    }

    private static object CompleteFollowUp(PartnerSlot slot, DateOnly day)
    {
        var (id, _) = slot.OpenFollowUps[0];
        slot.OpenFollowUps.RemoveAt(0);
        return new FollowUpCompleted(id, day, "Agreed on three placements.");
    }

    private static object Moved(PartnerSlot slot, Stage to, object e)
    {
        slot.Stage = to;
        return e;
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
