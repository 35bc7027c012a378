using Alba;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Tests.Support;
using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// Institutions placed on two PostgreSQL databases by configuration (issue 16, item 5): the main database
/// (<c>ConnectionStrings:Marten</c>) and a second one listing one tenant (<c>Tenancy:Databases:second</c>). Each tenant runs
/// a command, its asynchronous read models (alerts, analytics) and automation (the alert's integration event through the
/// outbox, and its escalation, a scheduled message), and everything it wrote is in its own database only: so Marten's
/// async daemon and Wolverine's durability agents run for both databases.
/// </summary>
public sealed class TwoDatabaseTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _inSecond = "inst-b-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _inMain = "inst-a-" + Guid.NewGuid().ToString("N")[..8];
    private string _main = "";
    private string _second = "";
    private IAlbaHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _main = await TestDatabases.CreateAsync("tenancy_main");
        _second = await TestDatabases.CreateAsync("tenancy_second");
        _host = await AutomationFixture.StartHostAsync(_main, _clock, more: new Dictionary<string, string>
        {
            ["Tenancy:Databases:second:ConnectionString"] = _second,
            ["Tenancy:Databases:second:Tenants:0"] = _inSecond,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        await TestDatabases.DropAsync(_main);
        await TestDatabases.DropAsync(_second);
    }

    private Caller As(string tenant, string role = Roles.Coordinator) =>
        new(_host, PartnershipLifecycle.Api.Security.DevelopmentTokens.Create(
            new PartnershipLifecycle.Api.Security.AuthSettings { SigningKey = AppFixture.SigningKey }, tenant, [role], "tester", TimeSpan.FromHours(1)));

    [Fact]
    public async Task Each_institution_lives_in_its_own_database_with_read_models_and_automation_running_in_both()
    {
        _host.Services.GetRequiredService<InstitutionDatabases>().DatabaseOf(_inSecond).ShouldBe("second");
        _host.Services.GetRequiredService<InstitutionDatabases>().DatabaseOf(_inMain).ShouldBe(InstitutionDatabases.MainName);

        foreach (var tenant in new[] { _inMain, _inSecond })
        {
            await ChampionLeavesAndIsEscalated(tenant);
        }

        await _host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        foreach (var tenant in new[] { _inMain, _inSecond })
        {
            // The async read models of both databases: the alert (escalated by the scheduled message), the analytics row.
            var alert = (await As(tenant).Get("/api/alerts?status=open")).Json()["items"]!.AsArray().ShouldHaveSingleItem()!;
            alert["escalated"]!.GetValue<bool>().ShouldBeTrue();
            var funnel = (await As(tenant, Roles.Analyst).Get("/api/analytics/funnel")).Json();
            funnel.ToJsonString().ShouldContain("\"prospect\"");
            (await Count(tenant == _inMain ? _main : _second, "analytics", "partners", tenant)).ShouldBe(1);
        }

        // Every row of each institution, in every table that has a tenant_id (events, streams, documents, analytics),
        // is in its own database and none in the other.
        foreach (var (tenant, own, other) in new[] { (_inMain, _main, _second), (_inSecond, _second, _main) })
        {
            var ownRows = await RowsByTable(own, tenant);
            ownRows["partnerships.mt_events"].ShouldBeGreaterThanOrEqualTo(5); // identified, 2 contacts, departure, escalation
            ownRows["partnerships.mt_streams"].ShouldBe(1);
            ownRows.Where(r => r.Key.StartsWith("partnerships.mt_doc_", StringComparison.Ordinal) && r.Value > 0).Count().ShouldBeGreaterThanOrEqualTo(2);
            (await RowsByTable(other, tenant)).Where(r => r.Value > 0).ShouldBeEmpty($"{tenant}'s rows found in the other database");

            // Its integration events left through its own database's outbox into its own database's queue (no consumer here).
            (await QueuedEventsOf(own, tenant)).ShouldBeGreaterThan(0);
            (await QueuedEventsOf(other, tenant)).ShouldBe(0);
        }

        // What reads across institutions (the hourly fan-out of the daily checks, start-up upkeep) reads both databases.
        var live = await EveryDatabase.QueryAsync(_host.Services.GetRequiredService<IDocumentStore>(),
            session => PartnershipLifecycle.Automation.HealthWatchHandlers.TenantsWithLivePartnersAsync(session, Ct));
        live.ShouldContain(_inMain);
        live.ShouldContain(_inSecond);

        // Both databases are watched: ready, and the projections of each are listed.
        var ready = await _host.Scenario(s => s.Get.Url("/health/ready"));
        var text = ready.ReadAsText();
        text.ShouldContain("(main)");
        text.ShouldContain("(second)");
    }

    private async Task ChampionLeavesAndIsEscalated(string tenant)
    {
        var caller = As(tenant);
        var today = _clock.Today();
        var created = await caller.Post("/api/partners", new { name = "Two Databases Ltd", sector = "x", channel = "inbound" }, 201);
        var partner = created.Json()["partnerId"]!.GetValue<Guid>();
        var champion = (await caller.Post($"/api/partners/{partner}/contacts", new { name = "Chloe Chan", role = "champion", occurredOn = today }, 200))
            .Json()["contactId"]!.GetValue<Guid>();
        await caller.Post($"/api/partners/{partner}/contacts", new { name = "Max Mentor", role = "mentor", occurredOn = today }, 200);

        // The departure raises an alert (async projection), whose escalation is a scheduled message kept in the tenant's database.
        await _host.TrackActivity().Timeout(TimeSpan.FromSeconds(60))
            .WaitForCondition(new MessageFinished<CheckTurnoverAlertEscalation>())
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) =>
                caller.Post($"/api/partners/{partner}/contacts/{champion}/departed", new { occurredOn = today }, 200));

        var history = (await caller.Get($"/api/partners/{partner}/history")).Json()["events"]!.AsArray();
        history.ShouldContain(e => e!["type"]!.GetValue<string>() == "turnover_alert_escalated");
    }

    /// <summary>Rows of <paramref name="tenant"/> in every table with a tenant_id column, by schema-qualified table name.</summary>
    private static async Task<Dictionary<string, long>> RowsByTable(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var find = new NpgsqlCommand(
            "select table_schema || '.' || table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name) " +
            "where c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await find.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} where tenant_id = @tenant", connection);
            count.Parameters.AddWithValue("tenant", tenant);
            rows[table] = (long)(await count.ExecuteScalarAsync(Ct))!;
        }

        return rows;
    }

    private static async Task<long> Count(string connectionString, string schema, string table, string tenant) =>
        (await RowsByTable(connectionString, tenant)).GetValueOrDefault($"{schema}.{table}");

    /// <summary>Messages in the PostgreSQL queues of a database (Wolverine's transport) whose body names <paramref name="tenant"/>.</summary>
    private static async Task<long> QueuedEventsOf(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var find = new NpgsqlCommand(
            "select table_name from information_schema.columns where table_schema = @schema and column_name = 'body'", connection))
        {
            find.Parameters.AddWithValue("schema", PartnershipMessaging.QueueSchema);
            await using var reader = await find.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        long total = 0;
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand(
                $"select count(*) from {PartnershipMessaging.QueueSchema}.\"{table}\" where position(convert_to(@tenant, 'UTF8') in body) > 0", connection);
            count.Parameters.AddWithValue("tenant", tenant);
            total += (long)(await count.ExecuteScalarAsync(Ct))!;
        }

        return total;
    }
}
