using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.Losing;
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
    public static async Task<OutgoingMessages> Handle(IEvent<MouSigned> e, IQuerySession session, TimeProvider clock, IOptions<MouSettings> mou,
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
            messages.AddRange(MouTermSchedule.For(e.StreamId, signed.EndsOn, clock, mou.Value).ToArray());
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
    public static OutgoingMessages Handle(IEvent<MouRenewed> e, TimeProvider clock, IOptions<MouSettings> mou) =>
        [.. MouTermSchedule.For(e.StreamId, e.Data.EndsOn, clock, mou.Value)];

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

/// <summary>When an MOU's reminder and end fall, by the service's clock.</summary>
public static class MouTermSchedule
{
    public static IEnumerable<object> For(Guid partnerId, DateOnly endsOn, TimeProvider clock, MouSettings settings)
    {
        var now = clock.GetUtcNow();
        var endOfTerm = new DateTimeOffset(endsOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        yield return At(new RemindMouExpiry(partnerId, endsOn), endOfTerm - settings.RemindBefore - TimeSpan.FromDays(1), now);
        yield return At(new EndMouTerm(partnerId, endsOn), endOfTerm, now);
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
        else if (mou.ExpiryNoticeFor != mou.EndsOn && today.DayNumber >= mou.EndsOn.DayNumber - (int)settings.RemindBefore.TotalDays)
        {
            yield return new RemindMouExpiry(partner.Id, mou.EndsOn);
        }
    }

    // Scheduled by the delay from the service's clock, so that a test clock moves them too; a time already
    // past goes out at once.
    private static object At(object message, DateTimeOffset when, DateTimeOffset now) =>
        when <= now ? message : message.DelayedFor(when - now);
}
