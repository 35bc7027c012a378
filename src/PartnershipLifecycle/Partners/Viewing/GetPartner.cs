using MediatR;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Viewing;

/// <summary>
/// The partner now, or as it was: at stream <see cref="Version"/> or at the moment <see cref="AsOf"/>
/// (Marten aggregates the stream live up to there). <see cref="AsOf"/> may carry any UTC offset.
/// </summary>
public sealed record GetPartner(string TenantId, Guid PartnerId, long? Version = null, DateTimeOffset? AsOf = null)
    : IRequest<PartnerView?>, ITenantQuery;

public sealed class GetPartnerHandler(IDocumentStore store, InstitutionCalendar calendar) : IRequestHandler<GetPartner, PartnerView?>
{
    public async Task<PartnerView?> Handle(GetPartner query, CancellationToken ct)
    {
        await using var session = store.QuerySession(query.TenantId);
        var partner = query switch
        {
            { Version: { } version } => await session.Events.AggregateStreamAsync<Partner>(query.PartnerId, version: version, token: ct),
            { AsOf: { } asOf } => await session.Events.AggregateStreamAsync<Partner>(query.PartnerId, timestamp: asOf.ToUniversalTime(), token: ct),
            _ => await session.LoadAsync<Partner>(query.PartnerId, ct),
        };

        // PostgreSQL's driver writes only UTC offsets to timestamptz: any offset the caller gave is the same instant in UTC.
        // Asking beyond the stream's end is a version that does not exist.
        if (partner is null || (query.Version is { } asked && partner.Version < asked))
        {
            return null;
        }

        return PartnerView.Of(partner, calendar.Today(query.TenantId));
    }
}

public static class GetPartnerEndpoint
{
    public static ProblemDetails Validate(long? version, DateTimeOffset? asOf)
    {
        if (version is not null && asOf is not null)
        {
            return Validation.Problem(new Dictionary<string, string[]> { ["asOf"] = ["Give either 'version' or 'asOf', not both."] });
        }

        return version is <= 0
            ? Validation.Problem(new Dictionary<string, string[]> { ["version"] = ["'version' must be 1 or more."] })
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
            var detail = version is not null ? $"Partner {id} has no version {version} in this tenant."
                : asOf is not null ? $"Partner {id} did not exist at {asOf:O} in this tenant."
                : $"No partner {id} in this tenant.";
            return ApiResults.NotFound(detail);
        }

        http.Response.Headers.ETag = CommandAnswers.ETagFor(partner.Version);
        return Results.Ok(partner);
    }
}
