using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using Wolverine.Http;

namespace PartnershipLifecycle.Administration;

/// <summary>
/// What an institution's admins did, as events in one stream per tenant (its administration stream): who
/// (<see cref="By"/>, the token's <c>sub</c>) and when (<see cref="At"/>, UTC). Never a secret.
/// </summary>
public interface IAdministrationEvent
{
    /// <summary>The admin who did it (the token's <c>sub</c>).</summary>
    string By { get; }

    /// <summary>When, UTC.</summary>
    DateTimeOffset At { get; }
}

/// <summary>A webhook was registered: where it sends and which integration events.</summary>
public sealed record WebhookRegistered(Guid WebhookId, string Url, string[] Events, string By, DateTimeOffset At) : IAdministrationEvent;

/// <summary>A webhook was deleted; its pending deliveries are cancelled.</summary>
public sealed record WebhookDeleted(Guid WebhookId, string Url, string By, DateTimeOffset At) : IAdministrationEvent;

/// <summary>A webhook's signing secret was replaced; the previous one signs too until <paramref name="PreviousSecretUntil"/> (UTC).</summary>
public sealed record WebhookSecretRotated(Guid WebhookId, DateTimeOffset PreviousSecretUntil, string By, DateTimeOffset At) : IAdministrationEvent;

/// <summary>One entry of the administration audit trail, as <c>GET /api/admin/audit</c> shows it.</summary>
public sealed record AdministrationEntry(long Version, string Type, string By, DateTimeOffset At, object Data);

public static class AdministrationLog
{
    /// <summary>The tenant's administration stream: the same id for the same tenant, on every node.</summary>
    public static Guid StreamId(string tenantId) => IntegrationEvent.IdFor("administration", tenantId);

    /// <summary>Appends <paramref name="e"/> to the caller's administration stream, in the session's transaction.</summary>
    public static void Record(this IDocumentSession session, IAdministrationEvent e) => session.Events.Append(StreamId(session.TenantId), e);

    public static AdministrationEntry Entry(IEvent e) =>
        new(e.Version, e.EventTypeName, ((IAdministrationEvent)e.Data).By, ((IAdministrationEvent)e.Data).At, e.Data);
}

/// <summary><c>GET /api/admin/audit</c>: one page of the administration actions of the caller's institution, oldest first.</summary>
public static class AdministrationAuditEndpoint
{
    /// <summary>
    /// The page, in the order of the administration stream (its versions, unique: a stable order), read from
    /// Marten's events table on its (stream, version) index.
    /// </summary>
    /// <param name="page">1 to 2147483647; a page past the end is empty, with the true <c>total</c>.</param>
    /// <param name="pageSize">1 to 200 (default 20).</param>
    [WolverineGet("/api/admin/audit"), Authorize(Policy = Policies.Audit)]
    [ProducesResponseType<Paged<AdministrationEntry>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Get(string? page, string? pageSize, IQuerySession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!QueryParameters.TryParsePage(page, pageSize, errors, out var paging))
        {
            return ApiResults.Invalid(errors);
        }

        // The administration stream holds administration events only (AdministrationLog.Record appends nothing else).
        var stream = AdministrationLog.StreamId(session.TenantId);
        return Results.Ok(await session.Events.QueryAllRawEvents().Where(e => e.StreamId == stream).OrderBy(e => e.Version)
            .ToPagedAsync(paging, AdministrationLog.Entry, ct));
    }
}
