using Marten;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>An alert as <c>GET /api/alerts</c> shows it.</summary>
public sealed record AlertView(
    Guid Id,
    Guid PartnerId,
    string PartnerName,
    AlertKind Kind,
    AlertStatus Status,
    DateTimeOffset RaisedAt,
    DateOnly RaisedOn,
    bool Escalated,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    Guid? ContactId,
    string? ContactName)
{
    public static AlertView Of(PartnerTurnover partner, TurnoverAlert a) => new(a.Id, partner.Id, partner.PartnerName, a.Kind, a.Status,
        a.RaisedAt, a.RaisedOn, a.Escalated, a.AcknowledgedAt, a.ResolvedAt, a.ContactId, a.ContactName);
}

/// <summary>The tenant's turnover alerts, newest first, by status and kind.</summary>
public sealed record ListTurnoverAlerts(string TenantId, AlertStatus? Status = null, AlertKind? Kind = null)
    : IRequest<IReadOnlyList<AlertView>>, ITenantQuery;

/// <summary>One alert by its id, whichever partner raised it.</summary>
public sealed record FindTurnoverAlert(string TenantId, Guid AlertId) : IRequest<AlertView?>, ITenantQuery;

public sealed class TurnoverAlertQueries(IDocumentStore store) :
    IRequestHandler<ListTurnoverAlerts, IReadOnlyList<AlertView>>,
    IRequestHandler<FindTurnoverAlert, AlertView?>
{
    public async Task<IReadOnlyList<AlertView>> Handle(ListTurnoverAlerts query, CancellationToken ct)
    {
        await using var session = store.QuerySession(query.TenantId);
        IQueryable<PartnerTurnover> withAlerts = (query.Status, query.Kind) switch
        {
            ({ } status, { } kind) => session.Query<PartnerTurnover>().Where(p => p.Alerts.Any(a => a.Status == status && a.Kind == kind)),
            ({ } status, null) => session.Query<PartnerTurnover>().Where(p => p.Alerts.Any(a => a.Status == status)),
            (null, { } kind) => session.Query<PartnerTurnover>().Where(p => p.Alerts.Any(a => a.Kind == kind)),
            _ => session.Query<PartnerTurnover>().Where(p => p.Alerts.Any()),
        };
        var partners = await withAlerts.ToListAsync(ct);

        return partners
            .SelectMany(p => p.Alerts
                .Where(a => (query.Status is null || a.Status == query.Status) && (query.Kind is null || a.Kind == query.Kind))
                .Select(a => AlertView.Of(p, a)))
            .OrderByDescending(a => a.RaisedAt)
            .ThenBy(a => a.Id)
            .ToArray();
    }

    public async Task<AlertView?> Handle(FindTurnoverAlert query, CancellationToken ct)
    {
        await using var session = store.QuerySession(query.TenantId);
        var partner = await session.Query<PartnerTurnover>().Where(p => p.Alerts.Any(a => a.Id == query.AlertId)).FirstOrDefaultAsync(ct);
        return partner?.FindAlert(query.AlertId) is { } alert ? AlertView.Of(partner, alert) : null;
    }
}

public static class ListTurnoverAlertsEndpoint
{
    [WolverineGet("/api/alerts"), Authorize(Policy = Policies.Read)]
    [ProducesResponseType<IReadOnlyList<AlertView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Get(string? status, string? kind, HttpContext http, IMediator mediator)
    {
        var errors = new Dictionary<string, string[]>();
        QueryParameters.TryParseEnum<AlertStatus>(status, out var statusFilter, errors, "status");
        QueryParameters.TryParseEnum<AlertKind>(kind, out var kindFilter, errors, "kind");
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        return Results.Ok(await mediator.Send(new ListTurnoverAlerts(http.User.TenantId(), statusFilter, kindFilter), http.RequestAborted));
    }
}
