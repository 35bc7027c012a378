using Marten;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>A coordinator has seen the alert; it stays until resolved. Recorded in the partner's stream for the audit.</summary>
/// <param name="AlertId">The turnover alert acknowledged (<c>GET /api/alerts</c>).</param>
public sealed record TurnoverAlertAcknowledged(Guid AlertId, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/alerts/{id}/acknowledge</c> (no body)</summary>
public sealed record AcknowledgeTurnoverAlert(Guid AlertId) : PartnerCommand;

public static class AcknowledgeTurnoverAlertEndpoint
{
    [WolverinePost("/api/alerts/{id}/acknowledge"), Authorize(Policy = Policies.Coordinate)]
    [ProducesResponseType<CommandAccepted>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, HttpContext http, IMessageBus bus, IMediator mediator)
    {
        var alert = await mediator.Send(new FindTurnoverAlert(http.User.TenantId(), id), http.RequestAborted);
        return alert is null
            ? ApiResults.NotFound($"No turnover alert {id} in this tenant.")
            : await CommandDispatch.Send(http, bus, alert.PartnerId, new AcknowledgeTurnoverAlert(id));
    }
}

public static class AcknowledgeTurnoverAlertHandler
{
    public static Decision Decide(PartnerTurnover? turnover, AcknowledgeTurnoverAlert command, DateOnly today) =>
        turnover?.FindAlert(command.AlertId) switch
        {
            null => Rejection.NotFound($"No turnover alert {command.AlertId} for this partner."),
            { Status: AlertStatus.Resolved } => Rejection.Conflict("The alert is already resolved."),
            { Status: AlertStatus.Acknowledged } => Rejection.Conflict("The alert is already acknowledged."),
            _ => Decision.Accept(new TurnoverAlertAcknowledged(command.AlertId, today)),
        };

    public static async Task<(CommandOutcome, Events)> Handle(
        AcknowledgeTurnoverAlert command, [WriteAggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Partner? partner, IDocumentSession session,
        TimeProvider clock, InstitutionCalendar calendar, CancellationToken ct)
    {
        // Decide on the alerts as of the stream this command appends to, not on the asynchronous document (which
        // may not have seen an acknowledgement a moment ago): folded live by the same projection, it is the
        // state the append checks, so two acknowledgements at once write one event.
        var turnover = partner is null ? null : await session.Events.AggregateStreamAsync<PartnerTurnover>(command.PartnerId, token: ct);
        return command.Conclude(partner, (_, c) => Decide(turnover, c, calendar.Today(session.TenantId)), session, clock);
    }
}
