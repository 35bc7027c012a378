using Marten;
using Marten.Linq.MatchesSql;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Viewing;

/// <summary>
/// One page of the tenant's partners, filtered by stage, sector, recruitment channel and health band, and by
/// <see cref="Name"/>: partners whose name, normalised as duplicates are recognised (<c>PartnerNames.Normalise</c>:
/// width, case, accents and legal forms do not matter), contains the normalised text; sorted by name.
/// </summary>
public sealed record ListPartners(
    string TenantId,
    Stage? Stage = null,
    string? Sector = null,
    RecruitmentChannel? Channel = null,
    HealthBand? Band = null,
    int Page = 1,
    int PageSize = Paged<PartnerView>.DefaultSize,
    string? Name = null) : IRequest<Paged<PartnerView>>, ITenantQuery
{
    /// <summary>How many matches come before the page, in 64 bits: page 2147483647 of 200 does not overflow.</summary>
    public long Offset => ((long)Page - 1) * PageSize;
}

public sealed class ListPartnersHandler(TenantQuerySession tenant, InstitutionCalendar calendar, IPartnerHealthBands health) : IRequestHandler<ListPartners, Paged<PartnerView>>
{
    public async Task<Paged<PartnerView>> Handle(ListPartners query, CancellationToken ct)
    {
        var session = tenant.Session;
        IQueryable<Partner> partners = session.Query<Partner>();
        if (query.Stage is { } stage)
        {
            partners = partners.Where(p => p.Stage == stage);
        }

        if (query.Sector is { } sector)
        {
            partners = partners.Where(p => p.Sector.Equals(sector, StringComparison.OrdinalIgnoreCase));
        }

        if (query.Channel is { } channel)
        {
            partners = partners.Where(p => p.Channel == channel);
        }

        if (query.Band is { } band)
        {
            // The band engagement health persists for each partner, as a condition on the partner's row (indexed there).
            var filter = health.InBand(session, band);
            partners = partners.Where(p => p.MatchesSql(filter.Sql, filter.Parameters));
        }

        if (!string.IsNullOrWhiteSpace(query.Name) && Identifying.PartnerNames.Normalise(query.Name) is { Length: > 0 } normalised)
        {
            partners = partners.Where(p => p.NormalisedName.Contains(normalised));
        }

        // As people expect: case and accents ignored (NameSortKey); ties by name, then id, so that pages never overlap.
        partners = partners.OrderBy(p => p.SortName).ThenBy(p => p.Name).ThenBy(p => p.Id);
        var today = calendar.Today(query.TenantId);

        // The total counts every match, whatever the page (Marten's paged list counts only the rows of the page it
        // reads, so a page past the end said 0); a page past the end is empty, and is not read.
        var total = await partners.CountAsync(ct);
        if (query.Offset >= total)
        {
            return new Paged<PartnerView>([], total, query.Page, query.PageSize);
        }

        var items = await partners.Skip((int)query.Offset).Take(query.PageSize).ToListAsync(ct);
        return new Paged<PartnerView>([.. items.Select(p => PartnerView.Of(p, today))], total, query.Page, query.PageSize);
    }
}

/// <summary>
/// Which partners are in a health band. Engagement health scores partners and persists their bands, so it answers
/// this (its <c>HealthAssessor</c> implements it) and the list imports nothing of that feature.
/// </summary>
public interface IPartnerHealthBands
{
    /// <summary>
    /// A condition on the partner document (Marten's alias <c>d</c>, <c>?</c> placeholders) that holds when the
    /// partner's persisted health is in <paramref name="band"/> (a lost partner has none), evaluated in the database.
    /// </summary>
    PartnerBandFilter InBand(IQuerySession session, HealthBand band);
}

/// <summary>A SQL condition for Marten's <c>MatchesSql</c>, with its parameters in order.</summary>
public sealed record PartnerBandFilter(string Sql, object[] Parameters);

public static class ListPartnersEndpoint
{
    /// <summary><c>GET /api/partners</c>: one page of the tenant's partners, sorted by name as people expect.</summary>
    /// <param name="page">1 to 2147483647; a page past the end is empty, with the true <c>total</c>.</param>
    /// <param name="pageSize">1 to 200.</param>
    [ProducesResponseType<Paged<PartnerView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(400, "application/problem+json")]
    [WolverineGet("/api/partners"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(string? stage, string? sector, string? channel, string? band, string? page, string? pageSize, HttpContext http, IMediator mediator)
    {
        var errors = new Dictionary<string, string[]>();
        QueryParameters.TryParseEnum<Stage>(stage, out var stageFilter, errors, "stage");
        QueryParameters.TryParseEnum<RecruitmentChannel>(channel, out var channelFilter, errors, "channel");
        QueryParameters.TryParseEnum<HealthBand>(band, out var bandFilter, errors, "band");
        // Read as text, so that a number past int's range is our 400 naming the parameter, not a binding failure.
        QueryParameters.TryParseInt(page, 1, int.MaxValue, out var pageNumber, errors, "page");
        QueryParameters.TryParseInt(pageSize, 1, Paged<PartnerView>.MaxSize, out var size, errors, "pageSize");

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var query = new ListPartners(http.User.TenantId(), stageFilter, string.IsNullOrWhiteSpace(sector) ? null : sector.Trim(),
            channelFilter, bandFilter, pageNumber ?? 1, size ?? Paged<PartnerView>.DefaultSize);
        return Results.Ok(await mediator.Send(query, http.RequestAborted));
    }
}
