using Marten;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Time;
using Wolverine.Attributes;
using Wolverine.Marten;

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>The MOU ends soon and has not been renewed (recorded once per end date, by automation).</summary>
/// <param name="EndsOn">When the MOU ends.</param>
/// <param name="DaysLeft">Days from the reminder to the end.</param>
public sealed record MouExpiring(DateOnly EndsOn, [NotNegative] int DaysLeft, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Scheduled for <c>Mou:RemindBefore</c> ahead of an MOU's end; stale once the MOU was renewed.</summary>
public sealed record RemindMouExpiry(Guid PartnerId, DateOnly EndsOn);

/// <summary>Scheduled for the day after an MOU's end: an MOU that ended unrenewed loses the partner.</summary>
public sealed record EndMouTerm(Guid PartnerId, DateOnly EndsOn);

[WolverineHandler]
public static class MouTermHandlers
{
    public static Decision DecideReminder(Partner partner, RemindMouExpiry reminder, DateOnly today) =>
        partner is { Stage: Stage.Active or Stage.Paused, ActiveMou: { } mou } && mou.EndsOn == reminder.EndsOn && mou.ExpiryNoticeFor != reminder.EndsOn
            ? Decision.Accept(new MouExpiring(mou.EndsOn, Math.Max(0, mou.EndsOn.DayNumber - today.DayNumber), today))
            : Decision.Accept(); // renewed, ended or already reminded: nothing to say

    public static Decision DecideEnd(Partner partner, EndMouTerm end, DateOnly today) =>
        partner is { Stage: Stage.Active or Stage.Paused, ActiveMou: { } mou } && mou.EndsOn == end.EndsOn && today > mou.EndsOn
            ? Decision.Accept(new PartnershipLost(LossReason.MouExpired, $"The MOU ended on {mou.EndsOn:yyyy-MM-dd} without renewal.", today, partner.Stage))
            : Decision.Accept();

    public static Events Handle(RemindMouExpiry reminder, [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        Automated(partner is null ? null : DecideReminder(partner, reminder, clock.Today()), session);

    public static Events Handle(EndMouTerm end, [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        Automated(partner is null ? null : DecideEnd(partner, end, clock.Today()), session);

    private static Events Automated(Decision? decision, IDocumentSession session)
    {
        session.LastModifiedBy = Actors.Automation;
        return new Events(decision?.Events ?? []);
    }
}
