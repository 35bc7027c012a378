using CsCheck;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Alerting;

/// <summary>
/// <c>GET /api/alerts</c> reads only the tenant's documents that can hold the page: without filters (issue 16), every
/// page equals the same slice of all the tenant's alerts sorted newest first (ties by id, descending); with a status
/// and/or a kind, in either order, the same slice of the tenant's matching alerts. Ties across partners, documents
/// stored before the columns existed and other institutions' alerts included; the total is their number.
/// </summary>
public class AlertListTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    // Few distinct instants and business dates, so that alerts of different partners often share one.
    private static readonly Gen<TurnoverAlert> AlertGen =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 2], Gen.Enum<AlertStatus>(), Gen.Enum<AlertKind>(), Gen.Bool).Select((minute, day, status, kind, escalated) =>
            new TurnoverAlert(Guid.NewGuid(), kind, status, Start.AddMinutes(minute), DateOnly.FromDateTime(Start.UtcDateTime).AddDays(day), Guid.NewGuid(), null, null,
                Escalated: escalated));

    /// <summary>When a document was last stored: now, before the per-status counts existed, or before any of the list's columns.</summary>
    public enum Shape { Current, BeforeStatusCounts, BeforeAlertCount }

    /// <summary>A partner's turnover document: its alerts, and when it was stored.</summary>
    private static readonly Gen<(TurnoverAlert[] Alerts, Shape Shape)> DocumentGen = Gen.Select(AlertGen.Array[0, 4], Gen.Enum<Shape>());

    /// <summary>Stores the documents in the tenant, each with its columns as a document of its shape has them.</summary>
    private async Task<PartnerTurnover[]> StoreAsync(string tenant, (TurnoverAlert[] Alerts, Shape Shape)[] documents, CancellationToken ct)
    {
        var turnovers = documents.Select((d, i) => (Doc: PartnerTurnover.For(Guid.NewGuid(), $"Partner {i}") with { Alerts = [.. d.Alerts] }, d.Shape)).ToArray();
        await using (var session = Store.LightweightSession(tenant))
        {
            session.Store(turnovers.Select(t => t.Doc).ToArray());
            await session.SaveChangesAsync(ct);
        }

        // As a document stored before the columns existed reads: Marten filled them from JSON that lacked them.
        var table = Store.Options.FindOrResolveDocumentType(typeof(PartnerTurnover)).TableName.QualifiedName;
        await using (var session = Store.LightweightSession(tenant))
        {
            session.QueueSqlCommand($"update {table} set open_alert_count = null, acknowledged_alert_count = null where tenant_id = ? and id = any(?)",
                tenant, turnovers.Where(t => t.Shape != Shape.Current).Select(t => t.Doc.Id).ToArray());
            session.QueueSqlCommand($"update {table} set alert_count = null, latest_alert_raised_at = null where tenant_id = ? and id = any(?)",
                tenant, turnovers.Where(t => t.Shape == Shape.BeforeAlertCount).Select(t => t.Doc.Id).ToArray());
            await session.SaveChangesAsync(ct);
        }

        return [.. turnovers.Select(t => t.Doc)];
    }

    [Fact]
    public async Task Every_page_of_the_unfiltered_list_is_the_same_slice_of_all_alerts_newest_first()
    {
        var ct = TestContext.Current.CancellationToken;
        await Gen.Select(DocumentGen.Array[0, 12], Gen.Int[1, 7]).SampleAsync(async (documents, pageSize) =>
        {
            var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
            var turnovers = await StoreAsync(tenant, documents, ct);
            var expected = turnovers.SelectMany(t => t.Alerts.Select(a => (Partner: t.Id, Alert: a)))
                .OrderByDescending(x => x.Alert.RaisedAt).ThenByDescending(x => x.Alert.Id).ToArray();
            using var scope = Host.Services.CreateScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            for (var page = 1; page <= expected.Length / pageSize + 2; page++)
            {
                var answer = await mediator.Send(new ListTurnoverAlerts(tenant, Paging: new PageRequest(page, pageSize)), ct);
                answer.Total.ShouldBe(expected.Length);
                answer.Items.Select(a => (a.PartnerId, a.Id)).ShouldBe(
                    expected.Skip((page - 1) * pageSize).Take(pageSize).Select(x => (x.Partner, x.Alert.Id)), $"page {page} of {pageSize}");
            }
        }, iter: 40, threads: 1);
    }

    /// <summary>
    /// The lists filtered by status and kind (Today's open alerts among them), in both orders, read only the tenant's
    /// documents that can hold a match (issue: the GIN index gave every institution's): whatever the alerts, documents of
    /// both old shapes and another institution's documents holding the same kinds of alert included, every page equals
    /// the same slice of the tenant's matching alerts sorted in memory, and the total is their number.
    /// </summary>
    [Fact]
    public async Task Every_page_of_every_filtered_list_is_the_same_slice_of_the_tenants_matching_alerts()
    {
        var ct = TestContext.Current.CancellationToken;
        AlertStatus?[] statuses = [null, .. Enum.GetValues<AlertStatus>()];
        AlertKind?[] kinds = [null, .. Enum.GetValues<AlertKind>()];
        await Gen.Select(DocumentGen.Array[0, 10], DocumentGen.Array[1, 6], Gen.Int[1, 5]).SampleAsync(async (documents, others, pageSize) =>
        {
            var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
            var turnovers = await StoreAsync(tenant, documents, ct);
            await StoreAsync("o-" + Guid.NewGuid().ToString("N")[..12], others, ct);
            using var scope = Host.Services.CreateScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            foreach (var order in Enum.GetValues<AlertOrder>())
            foreach (var status in statuses)
            foreach (var kind in kinds)
            {
                var matching = turnovers.SelectMany(t => t.Alerts.Select(a => (Partner: t.Id, Alert: a)))
                    .Where(x => (status is null || x.Alert.Status == status) && (kind is null || x.Alert.Kind == kind));
                var expected = (order == AlertOrder.Newest
                    ? matching.OrderByDescending(x => x.Alert.RaisedAt).ThenByDescending(x => x.Alert.Id)
                    : matching.OrderByDescending(x => x.Alert.Escalated).ThenBy(x => x.Alert.RaisedOn).ThenBy(x => x.Alert.RaisedAt).ThenBy(x => x.Alert.Id)).ToArray();
                for (var page = 1; page <= expected.Length / pageSize + 2; page++)
                {
                    var answer = await mediator.Send(new ListTurnoverAlerts(tenant, status, kind, new PageRequest(page, pageSize), order), ct);
                    var what = $"{order}, status {status}, kind {kind}, page {page} of {pageSize}";
                    answer.Total.ShouldBe(expected.Length, what);
                    answer.Items.Select(a => (a.PartnerId, a.Id)).ShouldBe(
                        expected.Skip((page - 1) * pageSize).Take(pageSize).Select(x => (x.Partner, x.Alert.Id)), what);
                }
            }
        }, iter: 25, threads: 1);
    }
}
