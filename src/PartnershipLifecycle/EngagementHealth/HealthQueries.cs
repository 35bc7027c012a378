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
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.EngagementHealth;

/// <summary>The health of one partner now. Null when unknown; a lost partner has none (409).</summary>
public sealed record GetPartnerHealth(string TenantId, Guid PartnerId) : IRequest<PartnerHealthAnswer>, IReadsProjections
{
    /// <inheritdoc />
    public TimeSpan CatchUp { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Type> ReadModels => [typeof(PartnerHealthRecord), typeof(PartnerTurnover), typeof(CommitmentLedger)];
}

public sealed record PartnerHealthAnswer(PartnerHealth? Health, bool Exists, Stage? Stage);

/// <summary>
/// One page of the health of the partners that are not lost, worst first (score, then name as lists sort it, then
/// id), optionally one band and a score range (inclusive): read from the persisted <see cref="PartnerHealthRecord"/>
/// documents, filtered, sorted and paged in the database (one page of documents and a count).
/// </summary>
public sealed record ListPartnerHealth(
    string TenantId,
    HealthBand? Band = null,
    int? MinScore = null,
    int? MaxScore = null,
    int Page = 1,
    int PageSize = Paged<PartnerHealth>.DefaultSize) : IRequest<Paged<PartnerHealth>>, IReadsProjections
{
    /// <inheritdoc />
    public TimeSpan CatchUp { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Type> ReadModels => [typeof(PartnerHealthRecord)];

    /// <summary>How many matches come before the page, in 64 bits.</summary>
    public long Offset => ((long)Page - 1) * PageSize;
}

/// <summary>
/// Computes health from what it is computed from (the partner, its turnover alerts and its commitments ledger), for
/// what reads one partner at a time (the health watch); and answers the partner list's <c>?band=</c> filter from the
/// persisted documents.
/// </summary>
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

    /// <summary>
    /// The persisted band as a condition on the partner document (alias <c>d</c>): its id is among the tenant's
    /// health documents in <paramref name="band"/>, which the band index finds.
    /// </summary>
    public PartnerBandFilter InBand(IQuerySession session, HealthBand band)
    {
        var table = session.DocumentStore.Options.Schema.For<PartnerHealthRecord>();
        return new PartnerBandFilter($"d.id in (select h.id from {table} as h where h.tenant_id = ? and h.data ->> 'band' = ?)",
            [session.TenantId, band.ToWire()]);
    }
}

public sealed class HealthQueries(TenantQuerySession tenant, HealthAssessor assessor, IOptions<HealthSettings> settings, InstitutionCalendar calendar) :
    IRequestHandler<GetPartnerHealth, PartnerHealthAnswer>,
    IRequestHandler<ListPartnerHealth, Paged<PartnerHealth>>
{
    public async Task<PartnerHealthAnswer> Handle(GetPartnerHealth query, CancellationToken ct)
    {
        var session = tenant.Session;
        var partner = await session.LoadAsync<Partner>(query.PartnerId, ct);
        if (partner is null)
        {
            return new PartnerHealthAnswer(null, false, null);
        }

        if (partner.Stage == Stage.Lost)
        {
            return new PartnerHealthAnswer(null, true, partner.Stage);
        }

        // The persisted answer; scored again from its own inputs when its next change date has come before the daily
        // checks did (the first hours of the institution's day). Not yet projected: computed from the read models.
        var record = await session.LoadAsync<PartnerHealthRecord>(query.PartnerId, ct);
        var today = calendar.Today(session.TenantId);
        var health = record switch
        {
            null or { Partner: null } => (await assessor.AssessAsync(session, [partner], ct)).SingleOrDefault(),
            _ when record.IsDueOn(today) => record.ScoredOn(today, settings.Value).Health,
            _ => record.Health,
        };
        return new PartnerHealthAnswer(health, true, partner.Stage);
    }

    public async Task<Paged<PartnerHealth>> Handle(ListPartnerHealth query, CancellationToken ct)
    {
        IQueryable<PartnerHealthRecord> records = tenant.Session.Query<PartnerHealthRecord>();
        if (query.Band is { } band)
        {
            records = records.Where(r => r.Band == band);
        }
        else
        {
            records = records.Where(r => r.Band != null);
        }

        if (query.MinScore is { } min)
        {
            records = records.Where(r => r.Score >= min);
        }

        if (query.MaxScore is { } max)
        {
            records = records.Where(r => r.Score <= max);
        }

        var total = query is { Band: null, MinScore: null, MaxScore: null }
            ? await CountNotLost(tenant.Session, ct)
            : await records.CountAsync(ct);
        if (query.Offset >= total)
        {
            return new Paged<PartnerHealth>([], total, query.Page, query.PageSize);
        }

        var page = await records.OrderBy(r => r.Score).ThenBy(r => r.SortName).ThenBy(r => r.Name).ThenBy(r => r.Id)
            .Skip((int)query.Offset).Take(query.PageSize).ToListAsync(ct);
        return new Paged<PartnerHealth>([.. page.Select(r => r.Health!)], total, query.Page, query.PageSize);
    }

    /// <summary>
    /// How many of the tenant's health documents have a band (the partners not lost), as the tenant's documents less
    /// those without a band, in one statement (one snapshot). The same number as counting <c>band is not null</c>, but
    /// PostgreSQL, which does not know that reading the band means reading each large document, counted that with a scan
    /// of every document; this way it counts the primary key's entries and looks up only the lost partners on the band
    /// index.
    /// </summary>
    private static async Task<long> CountNotLost(IQuerySession session, CancellationToken ct)
    {
        var table = session.DocumentStore.Options.Schema.For<PartnerHealthRecord>();
        var counts = await session.AdvancedSql.QueryAsync<long>(
            $"""
            select (select count(*) from {table} as d where d.tenant_id = ?)
                 - (select count(*) from {table} as d where d.tenant_id = ? and d.data ->> 'band' is null)
            """,
            ct, session.TenantId, session.TenantId);
        return counts.Single();
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
            { Exists: false } => ApiResults.NotFound(ApiText.Format("NotFound.Stream", ("stream", ApiText.Format("Stream.partner")), ("id", id))),
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

    /// <summary><c>GET /api/health</c>: one page of the health of the partners not lost, worst first.</summary>
    /// <param name="band">One band only: <c>healthy</c>, <c>watch</c> or <c>at_risk</c>.</param>
    /// <param name="minScore">The lowest score to include, 0 to 2147483647.</param>
    /// <param name="maxScore">The highest score to include, 0 to 2147483647, not below <paramref name="minScore"/>.</param>
    /// <param name="page">1 to 2147483647; a page past the end is empty, with the true <c>total</c>.</param>
    /// <param name="pageSize">1 to 200.</param>
    [WolverineGet("/api/health"), Authorize(Policy = Policies.Read)]
    [ProducesResponseType<Paged<PartnerHealth>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> GetAll(string? band, string? minScore, string? maxScore, string? page, string? pageSize, HttpContext http, IMediator mediator)
    {
        var errors = new Dictionary<string, string[]>();
        QueryParameters.TryParseEnum<HealthBand>(band, out var bandFilter, errors, "band");
        // Read as text, so that a number past int's range is our 400 naming the parameter, not a binding failure.
        QueryParameters.TryParseInt(minScore, 0, int.MaxValue, out var min, errors, "minScore");
        QueryParameters.TryParseInt(maxScore, 0, int.MaxValue, out var max, errors, "maxScore");
        QueryParameters.TryParseInt(page, 1, int.MaxValue, out var pageNumber, errors, "page");
        QueryParameters.TryParseInt(pageSize, 1, Paged<PartnerHealth>.MaxSize, out var size, errors, "pageSize");
        if (min is { } low && max is { } high && high < low)
        {
            errors["maxScore"] = [ApiText.Format("Query.MaxBelowMin")];
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var query = new ListPartnerHealth(http.User.TenantId(), bandFilter, min, max, pageNumber ?? 1, size ?? Paged<PartnerHealth>.DefaultSize);
        return Results.Ok(await mediator.Send(query, http.RequestAborted));
    }
}
