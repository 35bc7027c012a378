using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PartnershipLifecycle.Api.Operations;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform.Operations;

public class HealthTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_root_address_leads_a_person_to_the_app_without_a_token()
    {
        // Found trying the service: "/" answered 401 JSON to someone typing the address.
        var root = await new Caller(Host, null).Get("/", 302);
        root.Header("Location").ShouldBe("/app/today");
    }

    [Fact]
    public async Task Live_answers_without_a_token_and_runs_no_check()
    {
        var live = (await new Caller(Host, null).Get(HealthSetup.LivePath)).Json();

        live["status"]!.GetValue<string>().ShouldBe("healthy");
        live["checks"]!.AsObject().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Ready_answers_without_a_token_with_the_database_and_the_projections()
    {
        var ready = (await new Caller(Host, null).Get(HealthSetup.ReadyPath)).Json();

        ready["status"]!.GetValue<string>().ShouldBe("healthy");
        ready["checks"]!["event-store"]!["status"]!.GetValue<string>().ShouldBe("healthy");
        ready["checks"]!["projections"]!["status"]!.GetValue<string>().ShouldBe("healthy");
    }

    [Fact]
    public async Task Not_ready_when_PostgreSQL_does_not_answer()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"))
        {
            Port = 1,
            Timeout = 2,
        };

        var result = await ReadinessWith(unreachable.ConnectionString);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("PostgreSQL is not reachable.");
    }

    [Fact]
    public async Task Not_ready_when_the_schema_is_not_applied()
    {
        // The cluster's maintenance database has no event store.
        var elsewhere = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")) { Database = "postgres" };

        var result = await ReadinessWith(elsewhere.ConnectionString);

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("The event store schema is not applied yet.");
    }

    private static Task<HealthCheckResult> ReadinessWith(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(ConfigurationKeys.MartenConnection, connectionString)])
            .Build();
        return new EventStoreReadyCheck(PartnershipLifecycle.Platform.Hosting.InstitutionDatabases.From(configuration)).CheckHealthAsync(new HealthCheckContext(), Ct);
    }
}
