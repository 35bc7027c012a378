using Marten;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Time;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Marten;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>The MOU ends soon and has not been renewed (recorded once per end date, by automation).</summary>
/// <param name="EndsOn">When the MOU ends.</param>
/// <param name="DaysLeft">Days from the reminder to the end.</param>
public sealed record MouExpiring(DateOnly EndsOn, [NotNegative] int DaysLeft, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Scheduled for <c>Mou:RemindBefore</c> ahead of an MOU's end; stale once the MOU was renewed.</summary>
public sealed record RemindMouExpiry(Guid PartnerId, DateOnly EndsOn);

/// <summary>Scheduled for the day after an MOU's end: an MOU that ended unrenewed loses the partner.</summary>
public sealed record EndMouTerm(Guid PartnerId, DateOnly EndsOn);

/// <summary>
/// The MOU's reminder and end wait until <see cref="NotBefore"/> (UTC): the MOU was entered with them already past, and
/// the coordinator may still be typing in what followed (<c>Mou:GraceAfterEntry</c>). One document per partner.
/// </summary>
public sealed record MouTermHold(Guid Id, DateTimeOffset NotBefore);

[WolverineHandler]
public static class MouTermHandlers
{
    /// <summary>
    /// The reminder is a message to people, dated the day it goes out. None for an MOU whose end has passed: an MOU
    /// entered after its end gets no <c>mou_expiring</c>, only its end.
    /// </summary>
    public static Decision DecideReminder(Partner partner, RemindMouExpiry reminder, DateOnly today) =>
        partner is { Stage: Stage.Active or Stage.Paused, ActiveMou: { } mou } && mou.EndsOn == reminder.EndsOn
        && mou.ExpiryNoticeFor != reminder.EndsOn && today <= mou.EndsOn
            ? Decision.Accept(new MouExpiring(mou.EndsOn, Math.Max(0, mou.EndsOn.DayNumber - today.DayNumber), today))
            : Decision.Accept(); // renewed, ended or already reminded: nothing to say

    /// <summary>An MOU that ended unrenewed loses the partner on the day after its end (the rule's date, whenever it runs).</summary>
    public static Decision DecideEnd(Partner partner, EndMouTerm end, DateOnly today) =>
        partner is { Stage: Stage.Active or Stage.Paused, ActiveMou: { } mou } && mou.EndsOn == end.EndsOn && today > mou.EndsOn
            ? Decision.Accept(new PartnershipLost(LossReason.MouExpired, $"The MOU ended on {mou.EndsOn:yyyy-MM-dd} without renewal.",
                mou.EndsOn.AddDays(1), partner.Stage))
            : Decision.Accept();

    public static async Task<(Events, OutgoingMessages)> Handle(RemindMouExpiry reminder, [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Partner? partner,
        IDocumentSession session, InstitutionCalendar calendar, CancellationToken ct) =>
        await Held(session, reminder.PartnerId, reminder, calendar.Clock, ct) is { } wait
            ? ([], [wait])
            : (Automated(partner is null ? null : DecideReminder(partner, reminder, calendar.Today(session.TenantId)), session), []);

    public static async Task<(Events, OutgoingMessages)> Handle(EndMouTerm end, [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Partner? partner,
        IDocumentSession session, InstitutionCalendar calendar, CancellationToken ct) =>
        await Held(session, end.PartnerId, end, calendar.Clock, ct) is { } wait
            ? ([], [wait])
            : (Automated(partner is null ? null : DecideEnd(partner, end, calendar.Today(session.TenantId)), session), []);

    /// <summary>The message again, later, while the partner's MOU terms are held; null when automation may act.</summary>
    private static async Task<object?> Held(IDocumentSession session, Guid partnerId, object message, TimeProvider clock, CancellationToken ct)
    {
        var hold = await session.LoadAsync<MouTermHold>(partnerId, ct);
        var now = clock.GetUtcNow();
        return hold is not null && hold.NotBefore > now ? message.DelayedFor(hold.NotBefore - now) : null;
    }

    private static Events Automated(Decision? decision, IDocumentSession session)
    {
        session.LastModifiedBy = Actors.Automation;
        return new Events(decision?.Events ?? []);
    }
}
