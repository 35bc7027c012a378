using Marten;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using Wolverine.Http;

namespace PartnershipLifecycle.EngagementHealth;

/// <summary>The health of one partner now. Null when unknown; a lost partner has none (409).</summary>
public sealed record GetPartnerHealth(string TenantId, Guid PartnerId) : IRequest<PartnerHealthAnswer>, ITenantQuery;

public sealed record PartnerHealthAnswer(PartnerHealth? Health, bool Exists, Stage? Stage);

/// <summary>The health of every partner that is not lost, worst first, optionally one band.</summary>
public sealed record ListPartnerHealth(string TenantId, HealthBand? Band = null) : IRequest<IReadOnlyList<PartnerHealth>>, ITenantQuery;

/// <summary>Loads what health is computed from: the partner, its turnover alerts and its commitments ledger.</summary>
public sealed class HealthAssessor(IOptions<HealthSettings> settings, InstitutionCalendar calendar) : IPartnerHealthBands
{
    public async Task<IReadOnlyList<PartnerHealth>> AssessAsync(IQuerySession session, IReadOnlyList<Partner> partners, CancellationToken ct)
    {
        var live = partners.Where(p => p.Stage != Stage.Lost).ToArray();
        if (live.Length == 0)
        {
            return [];
        }

        var ids = live.Select(p => p.Id).ToArray();
        var turnovers = (await session.LoadManyAsync<PartnerTurnover>(ct, ids)).ToDictionary(t => t.Id);
        var ledgers = (await session.LoadManyAsync<CommitmentLedger>(ct, ids)).ToDictionary(l => l.Id);
        var today = calendar.Today(session.TenantId);
        return live.Select(p => HealthScoring.Assess(p, turnovers.GetValueOrDefault(p.Id), ledgers.GetValueOrDefault(p.Id), today, settings.Value))
            .ToArray();
    }

    public async Task<IReadOnlySet<Guid>> InBandAsync(IQuerySession session, IReadOnlyList<Partner> partners, HealthBand band, CancellationToken ct) =>
        (await AssessAsync(session, partners, ct)).Where(h => h.Band == band).Select(h => h.PartnerId).ToHashSet();
}

public sealed class HealthQueries(IDocumentStore store, HealthAssessor assessor) :
    IRequestHandler<GetPartnerHealth, PartnerHealthAnswer>,
    IRequestHandler<ListPartnerHealth, IReadOnlyList<PartnerHealth>>
{
    public async Task<PartnerHealthAnswer> Handle(GetPartnerHealth query, CancellationToken ct)
    {
        await using var session = store.QuerySession(query.TenantId);
        var partner = await session.LoadAsync<Partner>(query.PartnerId, ct);
        if (partner is null)
        {
            return new PartnerHealthAnswer(null, false, null);
        }

        var health = (await assessor.AssessAsync(session, [partner], ct)).SingleOrDefault();
        return new PartnerHealthAnswer(health, true, partner.Stage);
    }

    public async Task<IReadOnlyList<PartnerHealth>> Handle(ListPartnerHealth query, CancellationToken ct)
    {
        await using var session = store.QuerySession(query.TenantId);
        var partners = await session.Query<Partner>().Where(p => p.Stage != Stage.Lost).ToListAsync(ct);
        var assessed = await assessor.AssessAsync(session, partners, ct);
        return assessed.Where(h => query.Band is null || h.Band == query.Band).OrderBy(h => h.Score)
            .ThenBy(h => NameSortKey.Of(h.PartnerName), StringComparer.Ordinal).ThenBy(h => h.PartnerName, StringComparer.Ordinal).ThenBy(h => h.PartnerId)
            .ToArray();
    }
}

public static class HealthEndpoints
{
    [WolverineGet("/api/partners/{id}/health"), Authorize(Policy = Policies.Read)]
    [ProducesResponseType<PartnerHealth>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> GetOne(Guid id, HttpContext http, IMediator mediator)
    {
        var answer = await mediator.Send(new GetPartnerHealth(http.User.TenantId(), id), http.RequestAborted);
        return answer switch
        {
            { Exists: false } => ApiResults.NotFound($"No partner {id} in this tenant."),
            { Health: null } => Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Not allowed in the partner's current state.",
                Detail = $"The partner is in stage '{answer.Stage!.Value.ToWire()}': a lost partner has no engagement health.",
                Extensions = { ["stage"] = answer.Stage!.Value.ToWire() },
            }),
            _ => Results.Ok(answer.Health),
        };
    }

    [WolverineGet("/api/health"), Authorize(Policy = Policies.Read)]
    [ProducesResponseType<IReadOnlyList<PartnerHealth>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> GetAll(string? band, HttpContext http, IMediator mediator)
    {
        var errors = new Dictionary<string, string[]>();
        if (!QueryParameters.TryParseEnum<HealthBand>(band, out var bandFilter, errors, "band"))
        {
            return ApiResults.Invalid(errors);
        }

        return Results.Ok(await mediator.Send(new ListPartnerHealth(http.User.TenantId(), bandFilter), http.RequestAborted));
    }
}
