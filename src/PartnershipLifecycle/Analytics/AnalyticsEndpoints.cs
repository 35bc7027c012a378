using PartnershipLifecycle.Platform.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
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
            return ApiResults.Invalid(new Dictionary<string, string[]> { ["to"] = [ApiText.Format("Query.ToBeforeFrom")] });
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

    /// <summary>
    /// <c>GET /api/analytics/commitments</c>: one page of the partners with an MOU running today, by name (then id), as
    /// <c>{asOf, items[], total, page, pageSize}</c>; with <c>Accept: text/csv</c> every such partner (no paging: the
    /// whole report, streamed as it is read).
    /// </summary>
    /// <param name="page">1 to 2147483647; a page past the end is empty, with the true <c>total</c>. Not read for CSV.</param>
    /// <param name="pageSize">1 to 200 (default 20). Not read for CSV.</param>
    [WolverineGet("/api/analytics/commitments"), Authorize(Policy = Policies.Analyse)]
    [ProducesResponseType<CommitmentPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, CsvAnswer.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Commitments(string? page, string? pageSize, HttpContext http, IMediator mediator)
    {
        var errors = new Dictionary<string, string[]>();
        if (!QueryParameters.TryParsePage(page, pageSize, errors, out var paging))
        {
            return ApiResults.Invalid(errors);
        }

        var tenant = http.User.TenantId();
        if (CsvAnswer.WantsCsv(http))
        {
            return CsvAnswer.Commitments(http, tenant, (export, ct) => mediator.Send(export, ct));
        }

        return Results.Ok(await mediator.Send(new GetCommitmentReport(tenant, paging), http.RequestAborted));
    }
}
