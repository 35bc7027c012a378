using System.Collections.Concurrent;
using Alba;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnershipLifecycle.Api.Operations;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;
using Wolverine;
using Wolverine.Runtime;

namespace PartnershipLifecycle.Tests.Platform.Operations;

/// <summary>
/// The service as it runs in production: pre-generated code loaded statically, and telemetry exported over
/// OTLP to a collector (here a stand-in on the loopback address that records what it receives).
/// It has a database of its own: two daemons in Solo mode on one database would both run the projections
/// and trip over each other's progress.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ProductionHostTests(ProductionHost production) : IClassFixture<ProductionHost>
{
    [Fact]
    public async Task Loads_the_pre_generated_code_and_answers_commands_with_it()
    {
        production.Host.Services.GetRequiredService<IWolverineRuntime>().Options.CodeGeneration.TypeLoadMode.ShouldBe(TypeLoadMode.Static);

        var caller = new Caller(production.Host, production.Token);
        var created = await caller.Post("/api/partners", new { name = "Static " + Guid.NewGuid(), sector = "it", channel = "inbound" }, 201);
        var id = created.Json()["partnerId"]!.GetValue<Guid>();
        await caller.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hello", occurredOn = DateOnly.FromDateTime(DateTime.UtcNow) }, 200);
        (await caller.Get($"/api/partners/{id}")).Json()["stage"]!.GetValue<string>().ShouldBe("contacted");
    }

    [Fact]
    public async Task The_openapi_document_names_no_internal_address_or_type_in_production()
    {
        var text = (await new Caller(production.Host, null).Get("/openapi/v1.json")).ReadAsText();
        var document = System.Text.Json.Nodes.JsonNode.Parse(text)!;

        // A relative server: the address a request reached (behind a proxy, an internal one) is never named.
        document["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()).ShouldBe(["/"]);
        text.ShouldNotContain("127.0.0.1");
        text.ShouldNotContain("PartnershipLifecycle."); // no namespace-qualified type names as tags
        document["paths"]!["/api/admin/audit"]!["get"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["administration"]);
        document["paths"]!["/api/admin/webhooks"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Exports_traces_metrics_and_logs_over_otlp_when_an_endpoint_is_set()
    {
        await new Caller(production.Host, production.Token).Post("/api/partners/" + Guid.NewGuid() + "/pause", new { reason = "x", occurredOn = "2026-01-05" }, 404);

        production.Host.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();
        production.Host.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
        production.Host.Services.GetRequiredService<LoggerProvider>().ForceFlush().ShouldBeTrue();

        production.Collector.Received.ShouldContain("/v1/traces");
        production.Collector.Received.ShouldContain("/v1/metrics");
        production.Collector.Received.ShouldContain("/v1/logs");
    }

    [Fact]
    public void The_standard_resource_variables_name_the_service()
    {
        var resource = production.Host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary();

        resource["service.name"].ShouldBe(ProductionHost.ServiceName);
        resource["deployment.environment.name"].ShouldBe("test");
    }
}

public sealed class ProductionHost : IAsyncLifetime
{
    public const string ServiceName = "partnership-lifecycle-under-test";

    public IAlbaHost Host { get; private set; } = null!;
    public OtlpCollector Collector { get; } = new();
    /// <summary>A coordinator of a tenant of its own.</summary>
    public string Token { get; } = DevelopmentTokens.Create(new AuthSettings { SigningKey = AppFixture.SigningKey },
        "prod-" + Guid.NewGuid().ToString("N")[..8], [Roles.Coordinator], "production-tester", TimeSpan.FromHours(1));

    private string _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateAsync("production");
        await Collector.StartAsync();
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("ConnectionStrings:Marten", _database);
            builder.UseSetting(ConfigurationKeys.OtlpEndpoint, Collector.Address);
            builder.UseSetting(ConfigurationKeys.OtlpProtocol, "http/protobuf");
            builder.UseSetting(ConfigurationKeys.OtelServiceName, ServiceName);
            builder.UseSetting(ConfigurationKeys.OtelResourceAttributes, "deployment.environment.name=test");
            builder.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.MartenDaemonModeIsSolo();
                services.RunWolverineInSoloMode();
            });
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        await Collector.DisposeAsync();
        await TestDatabases.DropAsync(_database);
    }
}

/// <summary>Accepts OTLP over HTTP on a loopback port and remembers which signals arrived.</summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    public OtlpCollector()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", (HttpContext http) =>
        {
            Received.Add(http.Request.Path.Value!);
            return Results.Bytes([], "application/x-protobuf");
        });
    }

    public ConcurrentBag<string> Received { get; } = [];

    public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
