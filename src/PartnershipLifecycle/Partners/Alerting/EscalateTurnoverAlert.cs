using Marten;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Time;
using Wolverine;
using Wolverine.Marten;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>An alert stayed unresolved for <c>Alerts:EscalateAfter</c>; recorded by automation.</summary>
/// <param name="AlertId">The turnover alert escalated (<c>GET /api/alerts</c>).</param>
public sealed record TurnoverAlertEscalated(Guid AlertId, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Scheduled when an alert is raised: escalate it if it is still unresolved by then.</summary>
public sealed record CheckTurnoverAlertEscalation(Guid PartnerId, Guid AlertId);

public static class CheckTurnoverAlertEscalationHandler
{
    /// <summary>How long to wait before looking again when the alerts have not caught up with the partner.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(2);

    public static Decision Decide(PartnerTurnover turnover, CheckTurnoverAlertEscalation check, DateOnly today) =>
        turnover.FindAlert(check.AlertId) is { IsUnresolved: true, Escalated: false }
            ? Decision.Accept(new TurnoverAlertEscalated(check.AlertId, today))
            : Decision.Accept(); // resolved or escalated already: resolved alerts are never escalated

    public static async Task<(Events, OutgoingMessages)> Handle(
        CheckTurnoverAlertEscalation check, [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Partner? partner, IDocumentSession session,
        InstitutionCalendar calendar, CancellationToken ct)
    {
        var turnover = await session.LoadAsync<PartnerTurnover>(check.PartnerId, ct);
        if (partner is null || turnover is null)
        {
            return ([], []);
        }

        // The alerts follow the partner's stream asynchronously: decide only on alerts that have seen every
        // event, so a resolution recorded a moment ago is not missed.
        if (turnover.Version < partner.Version)
        {
            return ([], [check.DelayedFor(CatchUpWait)]);
        }

        session.LastModifiedBy = Actors.Automation;
        return (new Events(Decide(turnover, check, calendar.Today(session.TenantId)).Events), []);
    }
}
