using Marten;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>An alert as <c>GET /api/alerts</c> shows it.</summary>
public sealed record AlertView(
    Guid Id,
    Guid PartnerId,
    string PartnerName,
    AlertKind Kind,
    AlertStatus Status,
    DateTimeOffset RaisedAt,
    DateOnly RaisedOn,
    bool Escalated,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    Guid? ContactId,
    string? ContactName)
{
    public static AlertView Of(PartnerTurnover partner, TurnoverAlert a) => Of(partner.Id, partner.PartnerName, a);

    public static AlertView Of(Guid partnerId, string partnerName, TurnoverAlert a) => new(a.Id, partnerId, partnerName, a.Kind, a.Status,
        a.RaisedAt, a.RaisedOn, a.Escalated, a.AcknowledgedAt, a.ResolvedAt, a.ContactId, a.ContactName);
}

/// <summary>
/// One page of the tenant's turnover alerts, by status and kind, in <see cref="Order"/>: newest first (ties by id, also
/// descending; the API's order), or <see cref="AlertOrder.EscalatedThenOldest"/> (the web app's Today).
/// </summary>
public sealed record ListTurnoverAlerts(string TenantId, AlertStatus? Status = null, AlertKind? Kind = null, PageRequest Paging = default,
    AlertOrder Order = AlertOrder.Newest) : IRequest<Paged<AlertView>>, IReadsProjections
{
    /// <inheritdoc />
    public TimeSpan CatchUp { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Type> ReadModels => [typeof(PartnerTurnover)];
}

/// <summary>The order of <see cref="ListTurnoverAlerts"/>' pages.</summary>
public enum AlertOrder
{
    /// <summary>Newest <c>raisedAt</c> first, ties by id descending.</summary>
    Newest,

    /// <summary>
    /// What needs attention first: escalated alerts, then the longest waiting by the business date the page shows
    /// (oldest <c>raisedOn</c>), then by <c>raisedAt</c>, ties by id.
    /// </summary>
    EscalatedThenOldest,
}

/// <summary>Every turnover alert one partner has raised, newest first (ties by id, descending); none for an unknown partner.</summary>
public sealed record ListPartnerAlerts(string TenantId, Guid PartnerId) : IRequest<IReadOnlyList<AlertView>>, IReadsProjections
{
    /// <inheritdoc />
    public TimeSpan CatchUp { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Type> ReadModels => [typeof(PartnerTurnover)];
}

/// <summary>One alert by its id, whichever partner raised it.</summary>
public sealed record FindTurnoverAlert(string TenantId, Guid AlertId) : IRequest<AlertView?>, ITenantQuery;

/// <summary>What the unfiltered list counts in one pass over its index: the alerts of the documents with the columns, and the documents without.</summary>
public sealed record AlertCounts(long Alerts, long OldShape);

/// <summary>An alert with its partner, as the list's SQL selects it (one JSON object per row).</summary>
public sealed record AlertListing(Guid PartnerId, string PartnerName, TurnoverAlert Alert);

public sealed class TurnoverAlertQueries(TenantQuerySession tenant) :
    IRequestHandler<ListTurnoverAlerts, Paged<AlertView>>,
    IRequestHandler<FindTurnoverAlert, AlertView?>,
    IRequestHandler<ListPartnerAlerts, IReadOnlyList<AlertView>>
{
    /// <summary>The partner's own <see cref="PartnerTurnover"/> document (its id is the partner's), one row by key.</summary>
    public async Task<IReadOnlyList<AlertView>> Handle(ListPartnerAlerts query, CancellationToken ct)
    {
        var partner = await tenant.Session.LoadAsync<PartnerTurnover>(query.PartnerId, ct);
        return partner is null
            ? []
            : [.. partner.Alerts.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Select(a => AlertView.Of(partner, a))];
    }

    /// <summary>
    /// The alerts are elements of each partner's <see cref="PartnerTurnover"/> document: the page is read in SQL,
    /// unnesting the <c>alerts</c> arrays of the institution's documents that can hold a matching alert, found on a
    /// tenant-first btree index of plain columns duplicated from the document, so the cost follows the institution's
    /// alerts, not the store's: with a status, the documents holding an alert of it (<c>open_alert_count</c>,
    /// <c>acknowledged_alert_count</c>, each with its index; resolved: <c>alert_count</c> greater than their sum, on
    /// the newest alert's index); with a kind only (or no filter, in <see cref="AlertOrder.EscalatedThenOldest"/>), the
    /// documents holding any alert (<c>latest_alert_raised_at</c> not null). The matching alerts are then counted and
    /// sorted in the database, and only the page's rows are read. Documents stored before the columns existed (null)
    /// are read in full, when the tenant has any. (This list once found the documents by containment on the GIN index over
    /// <c>data -&gt; 'alerts'</c>, which is not per tenant: it gave every institution's documents holding such an alert.)
    /// </summary>
    public async Task<Paged<AlertView>> Handle(ListTurnoverAlerts query, CancellationToken ct)
    {
        var session = tenant.Session;
        var paging = query.Paging == default ? PageRequest.First : query.Paging;
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(PartnerTurnover)).TableName.QualifiedName;

        // Only the filters asked for; the values are parameters.
        if (query.Status is null && query.Kind is null && query.Order == AlertOrder.Newest)
        {
            return await NewestAsync(session, table, query.TenantId, paging, ct);
        }

        // The institution's documents that can hold a matching alert: a range of one tenant-first index, never the GIN
        // index over every institution's alerts. Those of the old shape are added only when the tenant has any (one
        // probe of the same index): PostgreSQL estimates "is null" from the whole table, and with it in the condition
        // it chose to read every document of the tenant while other institutions' documents were of the old shape.
        var (documents, oldShape) = query.Status switch
        {
            AlertStatus.Open => ("d.open_alert_count > 0", BeforeStatusCounts),
            AlertStatus.Acknowledged => ("d.acknowledged_alert_count > 0", BeforeStatusCounts),
            AlertStatus.Resolved =>
                ("d.latest_alert_raised_at is not null and d.alert_count > d.open_alert_count + d.acknowledged_alert_count", BeforeStatusCounts),
            _ => ("d.latest_alert_raised_at is not null", BeforeAlertCount),
        };
        if ((await session.AdvancedSql.QueryAsync<bool>(
                $"select exists (select 1 from {table} d where d.tenant_id = ? and {oldShape})", ct, query.TenantId)).Single())
        {
            documents = $"({documents}) or ({oldShape})";
        }

        var where = "true";
        var parameters = new List<object> { query.TenantId };
        if (query.Status is { } status)
        {
            where += " and a.alert ->> 'status' = ?";
            parameters.Add(status.ToWire());
        }

        if (query.Kind is { } kind)
        {
            where += " and a.alert ->> 'kind' = ?";
            parameters.Add(kind.ToWire());
        }

        var from = $"""
            from (select d.id, d.data from {table} d where d.tenant_id = ? and ({documents})) d
            cross join lateral jsonb_array_elements(d.data -> 'alerts') as a(alert) where {where}
            """;
        var total = (await session.AdvancedSql.QueryAsync<long>($"select count(*) {from}", ct, [.. parameters])).Single();
        if (paging.Offset >= total)
        {
            return paging.Answer<AlertView>([], total);
        }

        var order = query.Order == AlertOrder.EscalatedThenOldest
            ? "coalesce((a.alert ->> 'escalated')::boolean, false) desc, (a.alert ->> 'raisedOn')::date, (a.alert ->> 'raisedAt')::timestamptz, (a.alert ->> 'id')::uuid"
            : "(a.alert ->> 'raisedAt')::timestamptz desc, (a.alert ->> 'id')::uuid desc";
        var rows = await session.AdvancedSql.QueryAsync<AlertListing>(
            $"""
            select jsonb_build_object('partnerId', d.id, 'partnerName', d.data -> 'partnerName', 'alert', a.alert)
            {from}
            order by {order}
            limit ? offset ?
            """,
            ct, [.. parameters, paging.PageSize, paging.Offset]);
        return paging.Answer<AlertView>([.. rows.Select(r => AlertView.Of(r.PartnerId, r.PartnerName, r.Alert))], total);
    }

    /// <summary>
    /// Every alert of the tenant, newest first (<c>GET /api/alerts</c> without filters), without reading every partner
    /// that ever had one. The <c>total</c> is the sum of the documents' <c>alert_count</c> (from the index alone). The
    /// page's alerts are all in the documents whose newest alert is at least as recent as that of the
    /// (offset + pageSize)-th document by it: were an alert of the page in an older document, each of those documents
    /// would hold an alert newer than it, more than the page's position allows. Those documents are read backwards on
    /// <c>latest_alert_raised_at</c> (ties at the cut-off included, so the ids break ties exactly as before), and only
    /// their alerts are unnested and sorted. Documents stored before the columns existed (both null) are read in full.
    /// </summary>
    private static async Task<Paged<AlertView>> NewestAsync(IQuerySession session, string table, string tenantId, PageRequest paging, CancellationToken ct)
    {
        const string oldShape = BeforeAlertCount;
        // One pass over the tenant's entries of the index (both columns are in it): the new documents' alerts, and how
        // many documents are of the old shape (none once every partner has had an event since, or after a rebuild).
        var counts = (await session.AdvancedSql.QueryAsync<AlertCounts>(
            $"""
            select jsonb_build_object(
              'alerts', coalesce(sum(d.alert_count) filter (where d.latest_alert_raised_at is not null), 0),
              'oldShape', count(*) filter (where {oldShape}))
            from {table} d where d.tenant_id = ?
            """, ct, tenantId)).Single();
        var total = counts.Alerts;
        var old = counts.OldShape > 0;
        if (old)
        {
            total += (await session.AdvancedSql.QueryAsync<long>(
                $"select count(*) from {table} d cross join lateral jsonb_array_elements(d.data -> 'alerts') as a(alert) where d.tenant_id = ? and {oldShape}",
                ct, tenantId)).Single();
        }

        if (paging.Offset >= total)
        {
            return paging.Answer<AlertView>([], total);
        }

        // Without documents of the old shape, the documents of the page are one range of the index.
        var rows = await session.AdvancedSql.QueryAsync<AlertListing>(
            $"""
            with cutoff as (
              select d.latest_alert_raised_at as at from {table} d
              where d.tenant_id = ? and d.latest_alert_raised_at is not null
              order by d.latest_alert_raised_at desc
              offset ? limit 1
            ), docs as (
              select d.id, d.data from {table} d
              where d.tenant_id = ? and (
                (d.latest_alert_raised_at is not null and d.latest_alert_raised_at >= coalesce((select at from cutoff), '-infinity'::timestamptz))
                {(old ? $"or ({oldShape})" : "")})
            )
            select jsonb_build_object('partnerId', d.id, 'partnerName', d.data -> 'partnerName', 'alert', a.alert)
            from docs d cross join lateral jsonb_array_elements(d.data -> 'alerts') as a(alert)
            order by (a.alert ->> 'raisedAt')::timestamptz desc, (a.alert ->> 'id')::uuid desc
            limit ? offset ?
            """,
            ct, tenantId, paging.Offset + paging.PageSize - 1, tenantId, paging.PageSize, paging.Offset);
        return paging.Answer<AlertView>([.. rows.Select(r => AlertView.Of(r.PartnerId, r.PartnerName, r.Alert))], total);
    }

    /// <summary>A document stored before <c>alert_count</c> and <c>latest_alert_raised_at</c> existed: both null.</summary>
    private const string BeforeAlertCount = "d.latest_alert_raised_at is null and d.alert_count is null";

    /// <summary>
    /// A document stored before <c>open_alert_count</c> and <c>acknowledged_alert_count</c> existed (both null; stored
    /// together, so one stands for both), perhaps also before <c>alert_count</c>.
    /// </summary>
    private const string BeforeStatusCounts = "d.open_alert_count is null";

    public async Task<AlertView?> Handle(FindTurnoverAlert query, CancellationToken ct)
    {
        var session = tenant.Session;
        var partner = await session.Query<PartnerTurnover>().Where(p => p.Alerts.Any(a => a.Id == query.AlertId)).FirstOrDefaultAsync(ct);
        return partner?.FindAlert(query.AlertId) is { } alert ? AlertView.Of(partner, alert) : null;
    }
}

public static class ListTurnoverAlertsEndpoint
{
    /// <summary><c>GET /api/alerts</c>: one page of the tenant's turnover alerts, newest first.</summary>
    /// <param name="status">open, acknowledged or resolved; all when absent.</param>
    /// <param name="kind">champion_departed, no_active_contact or high_turnover; all when absent.</param>
    /// <param name="page">1 to 2147483647; a page past the end is empty, with the true <c>total</c>.</param>
    /// <param name="pageSize">1 to 200 (default 20).</param>
    [WolverineGet("/api/alerts"), Authorize(Policy = Policies.Read)]
    [ProducesResponseType<Paged<AlertView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Get(string? status, string? kind, string? page, string? pageSize, HttpContext http, IMediator mediator)
    {
        var errors = new Dictionary<string, string[]>();
        QueryParameters.TryParseEnum<AlertStatus>(status, out var statusFilter, errors, "status");
        QueryParameters.TryParseEnum<AlertKind>(kind, out var kindFilter, errors, "kind");
        QueryParameters.TryParsePage(page, pageSize, errors, out var paging);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        return Results.Ok(await mediator.Send(new ListTurnoverAlerts(http.User.TenantId(), statusFilter, kindFilter, paging), http.RequestAborted));
    }
}
