using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnershipLifecycle.Api.Security;
using Wolverine;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>
/// One host for the integration tests, against the real PostgreSQL that ./test.sh starts
/// (ConnectionStrings__Marten). Tests isolate themselves by each using a tenant of their own.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-for-partnership-lifecycle-0123456789";

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>The service's clock. It starts at the real time; tests that move it must not rely on others.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Spans, our meter's measurements and log entries of the traces a test watches.</summary>
    public TelemetryCapture Telemetry { get; } = new();

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Marten")))
        {
            throw new InvalidOperationException(
                "ConnectionStrings__Marten is not set: run the tests with ./test.sh, which starts a PostgreSQL cluster for them.");
        }

        Environment.SetEnvironmentVariable("Auth__SigningKey", SigningKey);
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("RateLimits:Enabled", "false"); // SecurityFixture's host tests the limits
            builder.ConfigureLogging(FileLoggerProvider.AddIfRequested);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
                services.DisableAllExternalWolverineTransports();
                services.MartenDaemonModeIsSolo();
                services.RunWolverineInSoloMode();
                services.AddSingleton<ILoggerProvider>(Telemetry);
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Telemetry.Spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Telemetry.MetricSink));
            });
        });

        using var client = Host.Server.CreateClient();
        Contract = new ResponseContract(System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!);
        Host.AfterEachAsync(context => Contract.Check(context!));
    }

    /// <summary>Every answer of <see cref="Host"/> is checked against /openapi/v1.json (issue 15 point 5).</summary>
    public ResponseContract Contract { get; private set; } = null!;

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        Telemetry.Dispose();
    }

    public string TokenFor(string tenant, string role, string subject = "tester") =>
        DevelopmentTokens.Create(new AuthSettings { SigningKey = SigningKey }, tenant, role.Split(','), subject, TimeSpan.FromHours(1)); // validated against real time, whatever the service clock says
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "integration";
}
