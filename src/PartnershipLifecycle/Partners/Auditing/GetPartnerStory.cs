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

/// <summary>The story of how a partner was recruited or lost, told from its events.</summary>
public sealed record GetPartnerStory(string TenantId, Guid PartnerId) : IRequest<PartnerStory?>, ITenantQuery;

public sealed class GetPartnerStoryHandler(TenantQuerySession tenant) : IRequestHandler<GetPartnerStory, PartnerStory?>
{
    public async Task<PartnerStory?> Handle(GetPartnerStory query, CancellationToken ct)
    {
        var session = tenant.Session;
        var events = await session.Events.FetchStreamAsync(query.PartnerId, token: ct);
        if (events.Count == 0)
        {
            return null;
        }

        var data = events.Select(e => e.Data).ToArray();
        var referrer = data.OfType<Identifying.ProspectIdentified>().First().ReferredByPartnerId is { } referrerId
            ? (await session.LoadAsync<Partner>(referrerId, ct))?.Name
            : null;
        return PartnerStory.Tell(query.PartnerId, data, referrer);
    }
}

public static class GetPartnerStoryEndpoint
{
    [WolverineGet("/api/partners/{id}/story"), Authorize(Policy = Policies.Read)]
    [ProducesResponseType<PartnerStory>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IMediator mediator)
    {
        var story = await mediator.Send(new GetPartnerStory(http.User.TenantId(), id), http.RequestAborted);
        return story is null ? ApiResults.NotFound(ApiText.Format("NotFound.Stream", ("stream", ApiText.Format("Stream.partner")), ("id", id))) : Results.Ok(story);
    }
}
