using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Security;
using Wolverine.Http;

namespace PartnershipLifecycle.Analytics;

/// <summary><c>/api/analytics/*</c>, for analysts and admins: JSON, or CSV with <c>Accept: text/csv</c>.</summary>
public static class AnalyticsEndpoints
{
    [WolverineGet("/api/analytics/funnel"), Authorize(Policy = Policies.Analyse)]
    [ProducesResponseType<Funnel>(StatusCodes.Status200OK)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, CsvAnswer.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Funnel(DateOnly? from, DateOnly? to, HttpContext http, IMediator mediator)
    {
        if (from > to)
        {
            return ApiResults.Invalid(new Dictionary<string, string[]> { ["to"] = ["'to' may not be before 'from'."] });
        }

        return CsvAnswer.Negotiate(http, await mediator.Send(new GetFunnel(http.User.TenantId(), from, to), http.RequestAborted), "funnel");
    }

    [WolverineGet("/api/analytics/channels"), Authorize(Policy = Policies.Analyse)]
    [ProducesResponseType<ChannelReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, CsvAnswer.ContentType)]
    public static async Task<IResult> Channels(HttpContext http, IMediator mediator) =>
        CsvAnswer.Negotiate(http, await mediator.Send(new GetChannelReport(http.User.TenantId()), http.RequestAborted), "channels");

    [WolverineGet("/api/analytics/losses"), Authorize(Policy = Policies.Analyse)]
    [ProducesResponseType<LossReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, CsvAnswer.ContentType)]
    public static async Task<IResult> Losses(HttpContext http, IMediator mediator) =>
        CsvAnswer.Negotiate(http, await mediator.Send(new GetLossReport(http.User.TenantId()), http.RequestAborted), "losses");

    [WolverineGet("/api/analytics/commitments"), Authorize(Policy = Policies.Analyse)]
    [ProducesResponseType<CommitmentReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, CsvAnswer.ContentType)]
    public static async Task<IResult> Commitments(HttpContext http, IMediator mediator) =>
        CsvAnswer.Negotiate(http, await mediator.Send(new GetCommitmentReport(http.User.TenantId()), http.RequestAborted), "commitments");
}
