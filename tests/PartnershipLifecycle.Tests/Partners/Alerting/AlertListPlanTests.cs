using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Telemetry;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Alerting;

/// <summary>
/// Today's open alerts are found among the institution's own documents: PostgreSQL's plan of the very statements the
/// list runs (caught from Npgsql's traces, then run again under <c>EXPLAIN ANALYZE</c>) reads no more rows of the
/// turnover documents, or of any of their indexes, than the institution has documents holding an open alert, while
/// another institution holds many, in documents stored before the counts existed. (The list once found them on the GIN
/// index over every institution's alerts; and with those documents of the old shape in its condition, PostgreSQL read
/// all of this institution's.)
/// </summary>
public class AlertListPlanTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static TurnoverAlert Alert(AlertStatus status) =>
        new(Guid.NewGuid(), AlertKind.NoActiveContact, status, Start, DateOnly.FromDateTime(Start.UtcDateTime), Guid.NewGuid(), null, null);

    [Fact]
    public async Task The_open_alerts_are_read_from_the_institutions_documents_not_every_institutions()
    {
        var ct = TestContext.Current.CancellationToken;
        // This institution: many partners, three with an open alert (a few more with a resolved one). Another: every
        // partner with an open alert, many more than this institution has partners.
        var mine = Enumerable.Range(0, 300).Select(i => PartnerTurnover.For(Guid.NewGuid(), $"Partner {i}") with
        {
            Alerts = i % 100 == 0 ? [Alert(AlertStatus.Open)] : i % 10 == 0 ? [Alert(AlertStatus.Resolved)] : [],
        }).ToArray();
        var theirs = Enumerable.Range(0, 1000).Select(i => PartnerTurnover.For(Guid.NewGuid(), $"Partner {i}") with { Alerts = [Alert(AlertStatus.Open)] }).ToArray();
        await using (var session = Store.LightweightSession(Tenant))
        {
            session.Store(mine);
            await session.SaveChangesAsync(ct);
        }

        // Theirs stored before the per-status counts existed, as an institution without events since would keep them.
        var other = "o-" + Guid.NewGuid().ToString("N")[..12];
        var table = Store.Options.FindOrResolveDocumentType(typeof(PartnerTurnover)).TableName.QualifiedName;
        await using (var session = Store.LightweightSession(other))
        {
            session.Store(theirs);
            await session.SaveChangesAsync(ct);
            session.QueueSqlCommand($"update {table} set open_alert_count = null, acknowledged_alert_count = null where tenant_id = ?", other);
            await session.SaveChangesAsync(ct);
        }

        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync(ct);
        await using (var analyze = new NpgsqlCommand($"analyze {table}", connection))
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }

        // The statements the list runs for this tenant, as Npgsql traces them.
        var statements = new ConcurrentQueue<string>();
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PartnershipTelemetry.Queries.Name || source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.GetTagItem("db.query.text") is string sql && Ancestors(activity).Any(a => (string?)a.GetTagItem("tenant.id") == Tenant))
                {
                    statements.Enqueue(sql);
                }
            },
        })
        {
            ActivitySource.AddActivityListener(listener);
            using var scope = Host.Services.CreateScope();
            var answer = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new ListTurnoverAlerts(Tenant, AlertStatus.Open, Paging: new PageRequest(1, 50), Order: AlertOrder.EscalatedThenOldest), ct);
            answer.Total.ShouldBe(3);
            answer.Items.Count.ShouldBe(3);
        }

        var lists = statements.Where(s => s.Contains("jsonb_array_elements")).ToArray();
        lists.Length.ShouldBe(2, string.Join("\n---\n", statements)); // the count, and the page
        foreach (var sql in lists)
        {
            // Its parameters in order: the tenant, the status, then the page's size and offset (the count has the first two).
            object[] values = [Tenant, "open", 50, 0];
            await using var explain = new NpgsqlCommand("explain (analyze, format json) " + sql, connection);
            var count = Regex.Matches(sql, @"\$(\d+)").Select(m => int.Parse(m.Groups[1].Value)).DefaultIfEmpty(0).Max();
            count.ShouldBeGreaterThanOrEqualTo(2, sql);
            foreach (var value in values.Take(count))
            {
                explain.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(ct))!).RootElement[0].GetProperty("Plan");
            var reads = Nodes(plan).Where(n => n.TryGetProperty("Relation Name", out var r) && r.GetString() == "mt_doc_partnerturnover" || n.TryGetProperty("Index Name", out _))
                .Select(n => (Node: $"{n.GetProperty("Node Type").GetString()} {(n.TryGetProperty("Index Name", out var i) ? i.GetString() : "")}",
                    Rows: (n.GetProperty("Actual Rows").GetDouble() + Removed(n, "Rows Removed by Filter") + Removed(n, "Rows Removed by Index Recheck"))
                        * n.GetProperty("Actual Loops").GetDouble()))
                .ToArray();
            reads.ShouldNotBeEmpty(plan.ToString());
            reads.ShouldAllBe(r => r.Rows <= 3, plan.ToString());
        }
    }

    private static IEnumerable<Activity> Ancestors(Activity activity)
    {
        for (var a = activity.Parent; a is not null; a = a.Parent)
        {
            yield return a;
        }
    }

    private static double Removed(JsonElement node, string property) => node.TryGetProperty(property, out var rows) ? rows.GetDouble() : 0;

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children) ? [node, .. children.EnumerateArray().SelectMany(Nodes)] : [node];
}
