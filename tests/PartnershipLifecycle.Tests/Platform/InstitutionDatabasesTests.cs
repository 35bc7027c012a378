using CsCheck;
using JasperFx.Events.Daemon.HighWater;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>Where institutions live (<c>Tenancy:Databases</c>), read from configuration without a database.</summary>
public class InstitutionDatabasesTests
{
    private const string Main = "Host=db1;Port=5432;Database=partnerships;Username=app";

    private static InstitutionDatabases Read(params (string Key, string Value)[] settings) =>
        InstitutionDatabases.From(new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:Marten", Main), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build());

    [Fact]
    public void Without_tenancy_settings_every_institution_is_in_the_main_database_as_before()
    {
        var databases = Read();

        databases.IsSingle.ShouldBeTrue();
        databases.ConnectionStrings.ShouldBe([InstitutionDatabases.WithStatementPreparation(Main)]);
        databases.DatabaseOf("t1").ShouldBe(InstitutionDatabases.MainName);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("Host=db1;Port=notaport;Database=p")]
    [InlineData("Host=db1;Usernam=app;Database=p")]
    [InlineData("Host=db1;Database=p;Max Auto Prepare=abc")]
    public void A_main_connection_string_Npgsql_cannot_read_stops_the_start_naming_the_setting(string connectionString)
    {
        var e = Should.Throw<InvalidOperationException>(() => InstitutionDatabases.From(new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:Marten", connectionString)]).Build()));

        e.Message.ShouldStartWith("ConnectionStrings:Marten (env: ConnectionStrings__Marten) is not a PostgreSQL connection string Npgsql can read: ");
    }

    [Fact]
    public void Every_database_prepares_its_repeated_statements_unless_its_connection_string_says_otherwise()
    {
        var databases = Read(
            ("Tenancy:Databases:east:ConnectionString", "Host=db2;Database=partnerships;Username=app;Max Auto Prepare=0"),
            ("Tenancy:Databases:east:Tenants:0", "hk-poly"),
            ("Tenancy:Databases:west:ConnectionString", "Host=db3;Database=partnerships;Username=app;maxautoprepare=7;Auto Prepare Min Usages=9"),
            ("Tenancy:Databases:west:Tenants:0", "hk-ive"));

        var main = new Npgsql.NpgsqlConnectionStringBuilder(databases.Main);
        main.MaxAutoPrepare.ShouldBe(InstitutionDatabases.AutoPreparedStatements);
        main.AutoPrepareMinUsages.ShouldBe(2);
        main.Host.ShouldBe("db1");
        main.Database.ShouldBe("partnerships");
        new Npgsql.NpgsqlConnectionStringBuilder(databases.Others.Single(d => d.Name == "east").ConnectionString).MaxAutoPrepare.ShouldBe(0);
        var west = new Npgsql.NpgsqlConnectionStringBuilder(databases.Others.Single(d => d.Name == "west").ConnectionString);
        west.MaxAutoPrepare.ShouldBe(7);
        west.AutoPrepareMinUsages.ShouldBe(9);
        InstitutionDatabases.WithStatementPreparation("not a connection string").ShouldBe("not a connection string");
    }

    [Fact]
    public void A_listed_institution_is_in_its_database_and_any_other_in_the_main_one()
    {
        var databases = Read(
            ("Tenancy:Databases:east:ConnectionString", "Host=db2;Database=partnerships;Username=app"),
            ("Tenancy:Databases:east:Tenants:0", "hk-poly"),
            ("Tenancy:Databases:east:Tenants:1", "hk-ive"));

        databases.IsSingle.ShouldBeFalse();
        databases.DatabaseOf("hk-ive").ShouldBe("east");
        databases.DatabaseOf("HK-IVE").ShouldBe(InstitutionDatabases.MainName); // tenant ids are compared as the tokens carry them
        databases.DatabaseOf("t1").ShouldBe(InstitutionDatabases.MainName);
        databases.ConnectionStrings.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("Main", "Host=db2;Database=p", "t1", "is not a database name")]
    [InlineData("main", "Host=db2;Database=p", "t1", "is not a database name")]
    [InlineData("east", "", "t1", "ConnectionString is missing")]
    [InlineData("east", "not a connection string", "t1", "ConnectionString is missing")]
    [InlineData("east", "Host=DB1;Port=5432;Database=partnerships", "t1", "names the same database as ConnectionStrings:Marten")]
    [InlineData("east", "Host=db2;Database=p", "*DEFAULT*", "is not a tenant id")]
    [InlineData("east", "Host=db2;Database=p", "", "is not a tenant id")]
    public void A_placement_the_service_cannot_honour_stops_the_start_naming_the_problem(string name, string connectionString, string tenant, string problem)
    {
        var e = Should.Throw<InvalidOperationException>(() => Read(
            ($"Tenancy:Databases:{name}:ConnectionString", connectionString), ($"Tenancy:Databases:{name}:Tenants:0", tenant)));

        e.Message.ShouldContain(problem);
    }

    [Fact]
    public void An_institution_lives_in_one_database_only()
    {
        var e = Should.Throw<InvalidOperationException>(() => Read(
            ("Tenancy:Databases:east:ConnectionString", "Host=db2;Database=p"), ("Tenancy:Databases:east:Tenants:0", "t1"),
            ("Tenancy:Databases:west:ConnectionString", "Host=db3;Database=p"), ("Tenancy:Databases:west:Tenants:0", "t1")));

        e.Message.ShouldContain("Tenant 't1' is listed in Tenancy:Databases:east and Tenancy:Databases:west");
    }

    [Fact]
    public void A_database_without_tenants_is_refused() =>
        Should.Throw<InvalidOperationException>(() => Read(("Tenancy:Databases:east:ConnectionString", "Host=db2;Database=p")))
            .Message.ShouldContain("Tenants lists no tenant id");

    [Fact]
    public void Every_institution_is_found_where_it_was_placed()
    {
        var tenant = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789._-"].Array[0, 10].Select(c => "t" + new string(c));
        Gen.Select(tenant.HashSet[0, 12], Gen.Int[1, 3], tenant.Array[0, 6]).Sample((placed, count, asked) =>
        {
            var byDatabase = placed.Select((t, i) => (Tenant: t, Database: $"db{i % count}")).ToArray();
            var settings = byDatabase.GroupBy(p => p.Database).SelectMany(g =>
                g.Select((p, i) => ($"Tenancy:Databases:{g.Key}:Tenants:{i}", p.Tenant))
                    .Append(($"Tenancy:Databases:{g.Key}:ConnectionString", $"Host=h-{g.Key};Database=p")))
                .ToArray();

            var databases = Read(settings);

            foreach (var (t, database) in byDatabase)
            {
                databases.DatabaseOf(t).ShouldBe(database);
            }

            foreach (var t in asked.Where(a => !placed.Contains(a)))
            {
                databases.DatabaseOf(t).ShouldBe(InstitutionDatabases.MainName);
            }

            CallerClaims.TenantIdPattern.IsMatch(byDatabase.FirstOrDefault().Tenant ?? "t").ShouldBeTrue();
        });
    }

    [Fact]
    public async Task With_several_databases_an_append_in_any_wakes_the_daemon_of_each()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = new Manual();
        var second = new Manual();
        using var wakeup = new AnyDatabaseWakeup([first, second], new FakeTimeProvider(), TimeSpan.FromMilliseconds(100));

        var daemonOfFirst = wakeup.WaitAsync(TimeSpan.FromMinutes(1), ct);
        var daemonOfSecond = wakeup.WaitAsync(TimeSpan.FromMinutes(1), ct);
        daemonOfFirst.IsCompleted.ShouldBeFalse();

        second.Signal();

        await Task.WhenAll(daemonOfFirst, daemonOfSecond).WaitAsync(TimeSpan.FromSeconds(10), ct);
    }

    /// <summary>A database's listener that hears an append when told.</summary>
    private sealed class Manual : IDaemonWakeup
    {
        private readonly SemaphoreSlim _appended = new(0);

        public void Signal() => _appended.Release();

        public Task WaitAsync(TimeSpan timeout, CancellationToken token) => _appended.WaitAsync(token);

        public void Dispose()
        {
        }
    }
}
