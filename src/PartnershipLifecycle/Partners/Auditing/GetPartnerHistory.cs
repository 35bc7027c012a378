using JasperFx.Events;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Auditing;

/// <summary>Every event of a partner, oldest first, with who recorded it, when, and under which correlation.</summary>
public sealed record GetPartnerHistory(string TenantId, Guid PartnerId) : IRequest<PartnerHistory?>, ITenantQuery;

public sealed record PartnerHistory(Guid PartnerId, IReadOnlyList<HistoryEntry> Events);

/// <param name="Type">The event's snake_case name, whatever version it was stored in.</param>
/// <param name="SchemaVersion">The version of <c>eventschema/{type}.v{schemaVersion}.json</c> that <c>Data</c> follows:
/// the current one, since older versions are upcast on reading.</param>
public sealed record HistoryEntry(
    long Sequence,
    long Version,
    string Type,
    int? SchemaVersion,
    DateOnly? OccurredOn,
    DateTimeOffset RecordedAt,
    string? Actor,
    string? CorrelationId,
    object Data)
{
    public static HistoryEntry Of(IEvent e)
    {
        // Named by the contract of the event as read, not by the stored type name (prospect_identified_v2).
        var contract = EventCatalogue.Find(e.EventType);
        return new(
            e.Sequence,
            e.Version,
            contract?.Name ?? e.EventTypeName,
            contract?.Version,
            (e.Data as IPartnerEvent)?.OccurredOn,
            e.Timestamp,
            e.UserName,
            e.CorrelationId,
            e.Data);
    }
}

public sealed class GetPartnerHistoryHandler(TenantQuerySession tenant) : IRequestHandler<GetPartnerHistory, PartnerHistory?>
{
    public async Task<PartnerHistory?> Handle(GetPartnerHistory query, CancellationToken ct)
    {
        var session = tenant.Session;
        var events = await session.Events.FetchStreamAsync(query.PartnerId, token: ct);
        return events.Count == 0 ? null : new PartnerHistory(query.PartnerId, [.. events.Select(HistoryEntry.Of)]);
    }
}

public static class GetPartnerHistoryEndpoint
{
    [ProducesResponseType<PartnerHistory>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(404, "application/problem+json")]
    [WolverineGet("/api/partners/{id}/history"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IMediator mediator)
    {
        var history = await mediator.Send(new GetPartnerHistory(http.User.TenantId(), id), http.RequestAborted);
        return history is null
            ? ApiResults.NotFound(ApiText.Format("NotFound.Stream", ("stream", ApiText.Format("Stream.partner")), ("id", id)))
            : Results.Ok(history);
    }
}
