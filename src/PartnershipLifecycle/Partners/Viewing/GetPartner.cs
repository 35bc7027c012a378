using MediatR;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Viewing;

/// <summary>
/// The partner now, or as it was. Give at most one of:
/// <list type="bullet">
/// <item><see cref="Version"/>: at that stream version;</item>
/// <item><see cref="AsOf"/>: as <b>recorded</b> by that moment (any UTC offset): only the events Marten had stored by
/// then, whatever their business dates. What an auditor replays: what the service knew at the time.</item>
/// <item><see cref="OccurredBy"/>: as it <b>happened</b> by the end of that business date, as known now: every event
/// whose business date (<see cref="IPartnerEvent.OccurredOn"/>) is on or before it, including those recorded later
/// (back-dated entries are normal), folded in the order they were recorded. Follow-ups' overdue status is counted on
/// that day.</item>
/// </list>
/// Marten aggregates the stream live for each (<see cref="Partner"/>'s own <c>Apply</c> methods). Null: no such partner
/// in the tenant, no such version, or not yet identified then.
/// </summary>
public sealed record GetPartner(string TenantId, Guid PartnerId, long? Version = null, DateTimeOffset? AsOf = null, DateOnly? OccurredBy = null)
    : IRequest<PartnerView?>, ITenantQuery;

public sealed class GetPartnerHandler(TenantQuerySession tenant, InstitutionCalendar calendar) : IRequestHandler<GetPartner, PartnerView?>
{
    public async Task<PartnerView?> Handle(GetPartner query, CancellationToken ct)
    {
        var session = tenant.Session;
        var partner = query switch
        {
            { Version: { } version } => await session.Events.AggregateStreamAsync<Partner>(query.PartnerId, version: version, token: ct),
            { AsOf: { } asOf } => await session.Events.AggregateStreamAsync<Partner>(query.PartnerId, timestamp: asOf.ToUniversalTime(), token: ct),
            { OccurredBy: { } day } => await AsItHappenedAsync(session, query.PartnerId, day, ct),
            _ => await session.LoadAsync<Partner>(query.PartnerId, ct),
        };

        // PostgreSQL's driver writes only UTC offsets to timestamptz: any offset the caller gave is the same instant in UTC.
        // Asking beyond the stream's end is a version that does not exist.
        if (partner is null || (query.Version is { } asked && partner.Version < asked))
        {
            return null;
        }

        return PartnerView.Of(partner, query.OccurredBy ?? calendar.Today(query.TenantId));
    }

    // The events dated on or before the day, folded by Marten in recording order. BusinessDates keeps every event's date on
    // or after what it depends on (the identification, the stage it moves from, the contact or follow-up it names), so
    // the events so chosen are a history the partner could have had: a stage change is never kept without the ones before.
    private static async Task<Partner?> AsItHappenedAsync(IQuerySession session, Guid id, DateOnly day, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        var versions = events.Where(e => e.Data is IPartnerEvent dated && dated.OccurredOn <= day).Select(e => e.Version).ToArray();
        if (events.Count == 0 || events[0].Data is not IPartnerEvent { } first || first.OccurredOn > day)
        {
            return null;
        }

        return await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == id && versions.Contains(e.Version))
            .OrderBy(e => e.Version)
            .AggregateToAsync<Partner>(token: ct);
    }
}

public static class GetPartnerEndpoint
{
    public static ProblemDetails Validate(long? version, DateTimeOffset? asOf)
    {
        if (version is not null && asOf is not null)
        {
            return Validation.Problem(new Dictionary<string, string[]> { ["asOf"] = [ApiText.Format("Query.VersionOrAsOf")] });
        }

        return version is <= 0
            ? Validation.Problem(new Dictionary<string, string[]> { ["version"] = [ApiText.Format("Query.VersionAtLeastOne")] })
            : WolverineContinue.NoProblems;
    }

    [ProducesResponseType<PartnerView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(400, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(404, "application/problem+json")]
    [WolverineGet("/api/partners/{id}"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(Guid id, long? version, DateTimeOffset? asOf, HttpContext http, IMediator mediator)
    {
        var partner = await mediator.Send(new GetPartner(http.User.TenantId(), id, version, asOf), http.RequestAborted);
        if (partner is null)
        {
            var detail = version is not null ? ApiText.Format("NotFound.PartnerVersion", ("id", id), ("version", version))
                : asOf is not null ? ApiText.Format("NotFound.PartnerAsOf", ("id", id), ("at", asOf.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))
                : ApiText.Format("NotFound.Stream", ("stream", ApiText.Format("Stream.partner")), ("id", id));
            return ApiResults.NotFound(detail);
        }

        http.Response.Headers.ETag = CommandAnswers.ETagFor(partner.Version);
        return Results.Ok(partner);
    }
}
