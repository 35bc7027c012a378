using Marten;
using Marten.Pagination;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Health;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Viewing;

/// <summary>One page of the tenant's partners, filtered by stage, sector, recruitment channel and health band; by name.</summary>
public sealed record ListPartners(
    string TenantId,
    Stage? Stage = null,
    string? Sector = null,
    RecruitmentChannel? Channel = null,
    HealthBand? Band = null,
    int Page = 1,
    int PageSize = Paged<PartnerView>.DefaultSize) : IRequest<Paged<PartnerView>>, ITenantQuery;

public sealed class ListPartnersHandler(IDocumentStore store, InstitutionCalendar calendar, HealthAssessor health) : IRequestHandler<ListPartners, Paged<PartnerView>>
{
    public async Task<Paged<PartnerView>> Handle(ListPartners query, CancellationToken ct)
    {
        await using var session = store.QuerySession(query.TenantId);
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

        partners = partners.OrderBy(p => p.Name).ThenBy(p => p.Id);
        var today = calendar.Today(query.TenantId);
        if (query.Band is { } band)
        {
            // Health is computed against today, not stored: filter the candidates in memory, then page.
            var candidates = await partners.ToListAsync(ct);
            var inBand = (await health.AssessAsync(session, candidates, ct)).Where(h => h.Band == band).Select(h => h.PartnerId).ToHashSet();
            var matching = candidates.Where(p => inBand.Contains(p.Id)).ToArray();
            return new Paged<PartnerView>(
                [.. matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(p => PartnerView.Of(p, today))],
                matching.Length, query.Page, query.PageSize);
        }

        var page = await partners.ToPagedListAsync(query.Page, query.PageSize, ct);
        return new Paged<PartnerView>([.. page.Select(p => PartnerView.Of(p, today))], page.TotalItemCount, query.Page, query.PageSize);
    }
}

public static class ListPartnersEndpoint
{
    [ProducesResponseType<Paged<PartnerView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(400, "application/problem+json")]
    [WolverineGet("/api/partners"), Authorize(Policy = Policies.Read)]
    public static async Task<IResult> Get(string? stage, string? sector, string? channel, string? band, int? page, int? pageSize, HttpContext http, IMediator mediator)
    {
        var errors = new Dictionary<string, string[]>();
        QueryParameters.TryParseEnum<Stage>(stage, out var stageFilter, errors, "stage");
        QueryParameters.TryParseEnum<RecruitmentChannel>(channel, out var channelFilter, errors, "channel");
        QueryParameters.TryParseEnum<HealthBand>(band, out var bandFilter, errors, "band");
        if (page is < 1)
        {
            errors["page"] = ["'page' must be 1 or more."];
        }

        if (pageSize is < 1 or > Paged<PartnerView>.MaxSize)
        {
            errors["pageSize"] = [$"'pageSize' must be from 1 to {Paged<PartnerView>.MaxSize}."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var query = new ListPartners(http.User.TenantId(), stageFilter, string.IsNullOrWhiteSpace(sector) ? null : sector.Trim(),
            channelFilter, bandFilter, page ?? 1, pageSize ?? Paged<PartnerView>.DefaultSize);
        return Results.Ok(await mediator.Send(query, http.RequestAborted));
    }
}
