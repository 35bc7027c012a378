using CsCheck;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Alerting;

/// <summary>
/// <c>GET /api/alerts</c> without filters reads only the documents that can hold the page (issue 16): whatever the
/// alerts, ties of <c>raisedAt</c> across partners and documents stored before the columns existed included, every
/// page equals the same slice of all the tenant's alerts sorted newest first (ties by id, descending), and the total
/// is their number.
/// </summary>
public class AlertListTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    // Few distinct instants, so that alerts of different partners often share one.
    private static readonly Gen<TurnoverAlert> AlertGen =
        Gen.Select(Gen.Int[0, 5], Gen.Enum<AlertStatus>(), Gen.Enum<AlertKind>()).Select((minute, status, kind) =>
            new TurnoverAlert(Guid.NewGuid(), kind, status, Start.AddMinutes(minute), DateOnly.FromDateTime(Start.UtcDateTime), Guid.NewGuid(), null, null));

    /// <summary>A partner's turnover document: its alerts, and whether it was stored before the list's columns existed.</summary>
    private static readonly Gen<(TurnoverAlert[] Alerts, bool OldShape)> DocumentGen = Gen.Select(AlertGen.Array[0, 4], Gen.Bool);

    [Fact]
    public async Task Every_page_of_the_unfiltered_list_is_the_same_slice_of_all_alerts_newest_first()
    {
        var ct = TestContext.Current.CancellationToken;
        await Gen.Select(DocumentGen.Array[0, 12], Gen.Int[1, 7]).SampleAsync(async (documents, pageSize) =>
        {
            var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
            var turnovers = documents.Select((d, i) => (Doc: PartnerTurnover.For(Guid.NewGuid(), $"Partner {i}") with { Alerts = [.. d.Alerts] }, d.OldShape)).ToArray();
            await using (var session = Store.LightweightSession(tenant))
            {
                session.Store(turnovers.Select(t => t.Doc).ToArray());
                await session.SaveChangesAsync(ct);
            }

            var old = turnovers.Where(t => t.OldShape).Select(t => t.Doc.Id).ToArray();
            if (old.Length > 0)
            {
                // As a document stored before the columns existed reads: Marten filled them from JSON that lacked them.
                var table = Store.Options.FindOrResolveDocumentType(typeof(PartnerTurnover)).TableName.QualifiedName;
                await using var session = Store.LightweightSession(tenant);
                session.QueueSqlCommand($"update {table} set alert_count = null, latest_alert_raised_at = null where tenant_id = ? and id = any(?)", tenant, old);
                await session.SaveChangesAsync(ct);
            }

            var expected = turnovers.SelectMany(t => t.Doc.Alerts.Select(a => (Partner: t.Doc.Id, Alert: a)))
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
}
