using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Platform.Time;
using Wolverine;
using Wolverine.Attributes;

namespace PartnershipLifecycle.Automation;

/// <summary>
/// Wolverine handlers subscribed to the partner's events (forwarded through the durable outbox when the
/// command's transaction commits): integration events, and the MOU's reminder and end, scheduled.
/// </summary>
[WolverineHandler]
public static class PartnerEventAutomation
{
    public static async Task<OutgoingMessages> Handle(IEvent<MouSigned> e, IDocumentSession session, InstitutionCalendar calendar, IOptions<MouSettings> mou,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var name = await NameOf(session, e.StreamId, ct);
        var signed = e.Data;
        var messages = new OutgoingMessages
        {
            IntegrationEvent.Of(new PartnershipActivatedNotice(name, signed.SignedOn, signed.StartsOn, signed.EndsOn, signed.Commitments),
                e.TenantId, e.StreamId, e.Timestamp, cause: e.Id.ToString()),
        };

        // The announcement does not depend on the scheduling that follows it: a reminder that cannot be scheduled
        // is logged and left to the daily checks (MouTermSchedule.Due), and partnership_activated goes out anyway.
        try
        {
            messages.AddRange(Schedule(e.StreamId, signed.EndsOn, session, calendar, mou.Value));
        }
        catch (Exception failure)
        {
            loggers.CreateLogger(typeof(PartnerEventAutomation).FullName!).LogError(failure,
                "Could not schedule the MOU reminder and end of partner {PartnerId} (ends on {EndsOn}); the daily checks will catch them",
                e.StreamId, signed.EndsOn);
        }

        return messages;
    }

    /// <summary>A renewal moves the reminder and the end; the ones already scheduled find the MOU renewed and do nothing.</summary>
    public static OutgoingMessages Handle(IEvent<MouRenewed> e, IDocumentSession session, InstitutionCalendar calendar, IOptions<MouSettings> mou) =>
        [.. Schedule(e.StreamId, e.Data.EndsOn, session, calendar, mou.Value)];

    private static IReadOnlyList<object> Schedule(Guid partnerId, DateOnly endsOn, IDocumentSession session, InstitutionCalendar calendar, MouSettings mou)
    {
        var (messages, hold) = MouTermSchedule.For(partnerId, endsOn, calendar.ZoneOf(session.TenantId), calendar.Clock.GetUtcNow(), mou);
        if (hold is not null)
        {
            session.Store(hold);
        }

        return messages;
    }

    public static async Task<IntegrationEvent> Handle(IEvent<MouExpiring> e, IQuerySession session, CancellationToken ct) =>
        IntegrationEvent.Of(new MouExpiringNotice(await NameOf(session, e.StreamId, ct), e.Data.EndsOn, e.Data.DaysLeft),
            e.TenantId, e.StreamId, e.Timestamp, cause: e.Id.ToString());

    public static async Task<IntegrationEvent> Handle(IEvent<PartnershipLost> e, IQuerySession session, CancellationToken ct) =>
        IntegrationEvent.Of(new PartnershipLostNotice(await NameOf(session, e.StreamId, ct), e.Data.Reason, e.Data.FromStage, e.Data.OccurredOn, e.Data.Note),
            e.TenantId, e.StreamId, e.Timestamp, cause: e.Id.ToString());

    /// <summary>A poor evaluation can drop health at once.</summary>
    public static RescorePartnerHealth Handle(IEvent<EvaluationRecorded> e) => new(e.StreamId);

    private static async Task<string> NameOf(IQuerySession session, Guid partnerId, CancellationToken ct) =>
        (await session.LoadAsync<Partner>(partnerId, ct))?.Name ?? "";
}

/// <summary>When an MOU's reminder and end fall, in the institution's own day.</summary>
public static class MouTermSchedule
{
    /// <summary>
    /// The reminder (<c>Mou:RemindBefore</c> ahead of the end, from the start of that day where the institution is) and
    /// the end (the start of the day after the last day). An MOU whose end is already past gets no reminder. When either
    /// is already past, the MOU is history typed in after the fact: both wait <c>Mou:GraceAfterEntry</c> (the hold).
    /// </summary>
    /// <remarks>
    /// Total over every date: the API bounds an MOU's term (<c>Dates:MouMaxTermYears</c>), and the days here are still
    /// clamped to the calendar, so that no stored date can make the handler throw (an end of 9999-12-31 once did, the
    /// message went to the error queue and <c>partnership_activated</c> was never delivered).
    /// </remarks>
    public static (IReadOnlyList<object> Messages, MouTermHold? Hold) For(Guid partnerId, DateOnly endsOn, TimeZoneInfo zone, DateTimeOffset now, MouSettings settings)
    {
        var today = BusinessCalendar.DateIn(now, zone);
        var endOfTerm = StartOf(AddDays(endsOn, 1), zone);
        var reminderAt = StartOf(ReminderDay(endsOn, settings), zone);
        var hold = reminderAt <= now ? new MouTermHold(partnerId, now + settings.GraceAfterEntry) : null;
        var notBefore = hold?.NotBefore ?? now;

        var messages = new List<object>();
        if (endsOn >= today)
        {
            messages.Add(At(new RemindMouExpiry(partnerId, endsOn), Later(reminderAt, notBefore), now));
        }

        messages.Add(At(new EndMouTerm(partnerId, endsOn), Later(endOfTerm, notBefore), now));
        return (messages, hold);
    }

    /// <summary>The reminder or end that is due today and not done yet (the daily checks' safety net).</summary>
    public static IEnumerable<object> Due(Partner partner, DateOnly today, MouSettings settings)
    {
        if (partner is not { Stage: Stage.Active or Stage.Paused, ActiveMou: { } mou })
        {
            yield break;
        }

        if (today > mou.EndsOn)
        {
            yield return new EndMouTerm(partner.Id, mou.EndsOn);
        }
        else if (mou.ExpiryNoticeFor != mou.EndsOn && today >= ReminderDay(mou.EndsOn, settings))
        {
            yield return new RemindMouExpiry(partner.Id, mou.EndsOn);
        }
    }

    private static DateOnly ReminderDay(DateOnly endsOn, MouSettings settings) => AddDays(endsOn, -(long)settings.RemindBefore.TotalDays);

    /// <summary>The day <paramref name="days"/> after <paramref name="day"/>, kept within the calendar.</summary>
    private static DateOnly AddDays(DateOnly day, long days) =>
        DateOnly.FromDayNumber((int)Math.Clamp(day.DayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));

    /// <summary>The instant a calendar day starts where the institution is.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        // The calendar's first and last days have no start in every zone: far enough for any schedule.
        if (day.DayNumber <= DateOnly.MinValue.DayNumber + 1)
        {
            return DateTimeOffset.MinValue;
        }

        if (day.DayNumber >= DateOnly.MaxValue.DayNumber - 1)
        {
            return DateTimeOffset.MaxValue;
        }

        var local = day.ToDateTime(TimeOnly.MinValue);
        // A day that starts in a gap of a daylight-saving change starts at the gap's end.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // Scheduled by the delay from the service's clock, so that a test clock moves them too; a time already
    // past goes out at once. Nothing is scheduled past Latest, so that adding the delay to any clock stays in the calendar.
    private static object At(object message, DateTimeOffset when, DateTimeOffset now) =>
        when <= now ? message : message.DelayedFor((when < Latest ? when : Latest) - now);

    private static readonly DateTimeOffset Latest = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
