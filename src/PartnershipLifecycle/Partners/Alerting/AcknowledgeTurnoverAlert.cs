using Marten;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>A coordinator has seen the alert; it stays until resolved. Recorded in the partner's stream for the audit.</summary>
/// <param name="AlertId">The turnover alert acknowledged (<c>GET /api/alerts</c>).</param>
public sealed record TurnoverAlertAcknowledged(Guid AlertId, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/alerts/{id}/acknowledge</c> (no body): appended to the stream of the alert's partner.</summary>
public static class AcknowledgeTurnoverAlertEndpoint
{
    /// <summary>The alert names the partner whose stream the acknowledgement joins; 404 when this tenant has no such alert.</summary>
    public static async Task<StreamTarget<Partner>> BeforeAsync(Guid id, IMediator mediator, HttpContext http)
    {
        var alert = await mediator.Send(new FindTurnoverAlert(http.User.TenantId(), id), http.RequestAborted);
        return alert is null ? StreamTarget<Partner>.NotFound($"No turnover alert {id} in this tenant.") : new StreamTarget<Partner>(alert.PartnerId);
    }

    /// <summary>
    /// The partner's alerts as of the stream this command appends to, folded live by the alerts' own projection after
    /// the pipeline locked the stream: not the asynchronous document, which may not have seen an acknowledgement a
    /// moment ago. So two acknowledgements at once write one event.
    /// </summary>
    public static Task<PartnerTurnover?> LoadAsync(StreamTarget<Partner> target, IDocumentSession session, CancellationToken ct) =>
        session.Events.AggregateStreamAsync<PartnerTurnover>(target.Id, token: ct);

    [WolverinePost("/api/alerts/{id}/acknowledge"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide([NotBody] PartnerTurnover? turnover, Guid id, DateOnly today) =>
        turnover?.FindAlert(id) switch
        {
            null => Rejection.NotFound(ApiText.Format("NotFound.Alert", ("id", id))),
            { Status: AlertStatus.Resolved } => Rejection.Conflict(ApiText.Format("Alert.AlreadyResolved")),
            { Status: AlertStatus.Acknowledged } => Rejection.Conflict(ApiText.Format("Alert.AlreadyAcknowledged")),
            _ => Decision.Accept(new TurnoverAlertAcknowledged(id, today)),
        };
}
