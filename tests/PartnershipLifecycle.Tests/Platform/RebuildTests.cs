using System.Diagnostics;
using System.Text.Json;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Analytics;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Tests.Support;
using IProjectionCoordinator = Marten.Events.Daemon.Coordination.IProjectionCoordinator;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>Rebuilding every read model from the events gives back exactly the state kept live.</summary>
public class RebuildTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task Every_read_model_rebuilt_equals_the_live_one()
    {
        await BusyTenant();
        await ProjectionsCaughtUp();
        var live = await Snapshot();
        live.Split('\n').Length.ShouldBeGreaterThan(20);

        var names = Host.Services.GetRequiredService<StoreOptions>().Projections.AllProjectionNames().Select(n => n.Trim('\'')).ToArray();
        names.ShouldBe(["Partner", "PartnerTurnover", "CommitmentLedger", "PartnerHealthRecord", AnalyticsProjection.Name], ignoreOrder: true);

        var coordinator = Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            using var daemon = await Store.BuildProjectionDaemonAsync();
            foreach (var name in names)
            {
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        (await Snapshot()).ShouldBe(live);
    }

    [Fact]
    public void The_rebuild_verb_is_spelled_as_the_documents_spell_it()
    {
        PartnershipLifecycle.Api.CommandLine.CommandLineAliases.Apply(["projections", "--rebuild", "-p", "Analytics"])
            .ShouldBe(["projections", "rebuild", "-p", "Analytics"]);
        PartnershipLifecycle.Api.CommandLine.CommandLineAliases.Apply(["token", "--tenant", "t1"]).ShouldBe(["token", "--tenant", "t1"]);
    }

    /// <summary>Partners touching every read model: alerts raised, acknowledged and resolved, MOUs, engagements, losses.</summary>
    private async Task BusyTenant()
    {
        for (var i = 0; i < 3; i++)
        {
            var id = await PartnerAt(i == 0 ? Stage.Active : i == 1 ? Stage.Paused : Stage.Piloting);
            var url = $"/api/partners/{id}";
            var champion = (await Coordinator.Post($"{url}/contacts", new { name = $"Champion {i}", role = "champion", occurredOn = Today }, 200))
                .Json()["contactId"];
            await Coordinator.Post($"{url}/contacts", new { name = $"Mentor {i}", role = "mentor", occurredOn = Today }, 200);
            await Coordinator.Post($"{url}/engagements", new { type = "work_placement", occurredOn = Today, studentsReached = 2 + i, hours = 80 }, i == 1 ? 409 : 200);
            await Coordinator.Post($"{url}/contacts/{champion}/departed", new { occurredOn = Today }, 200);
            if (i == 0)
            {
                await ProjectionsCaughtUp();
                var alert = (await Coordinator.Get("/api/alerts?status=open&pageSize=200")).Json()["items"]!.AsArray().First(a => a!["partnerId"]!.GetValue<Guid>() == id)!;
                await Coordinator.Post($"/api/alerts/{alert["id"]}/acknowledge", null, 200);
            }

            if (i == 2)
            {
                await Coordinator.Post($"{url}/lost", new { reason = "personnel_turnover", occurredOn = Today }, 200);
            }
        }
    }

    /// <summary>Every read model of this tenant as text: the documents, then the analytics rows.</summary>
    private async Task<string> Snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        var lines = new List<string>();
        await using (var session = Store.QuerySession(Tenant))
        {
            lines.AddRange((await session.Query<Partner>().OrderBy(p => p.Id).ToListAsync(ct)).Select(Json));
            lines.AddRange((await session.Query<PartnerTurnover>().OrderBy(p => p.Id).ToListAsync(ct)).Select(Json));
            lines.AddRange((await session.Query<CommitmentLedger>().OrderBy(p => p.Id).ToListAsync(ct)).Select(Json));
            lines.AddRange((await session.Query<PartnershipLifecycle.EngagementHealth.PartnerHealthRecord>().OrderBy(p => p.Id).ToListAsync(ct)).Select(Json));
        }

        await using var connection = Store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(ct);
        foreach (var table in AnalyticsTables.All())
        {
            await using var command = new NpgsqlCommand(
                $"select row_to_json(t)::text from {table.Identifier} t where tenant_id = @tenant order by 1", connection);
            command.Parameters.AddWithValue("tenant", Tenant);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
    }

    private static string Json<T>(T document) => JsonSerializer.Serialize(document, PartnershipJson.Options);
}
