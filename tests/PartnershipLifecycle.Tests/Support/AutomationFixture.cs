using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Wolverine;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>
/// A host for the automation tests, on a database of its own and with short delays: alerts escalate after
/// <see cref="EscalateAfter"/>, webhook retries wait 200 ms. Its own database keeps escalations and
/// deliveries from reaching the other tests; its PostgreSQL queue is live for in-house consumers.
/// </summary>
public sealed class AutomationFixture : IAsyncLifetime
{
    public static readonly TimeSpan EscalateAfter = TimeSpan.FromSeconds(3);

    public IAlbaHost Host { get; private set; } = null!;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public string ConnectionString { get; private set; } = "";
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await TestDatabases.CreateAsync("automation");
        Host = await StartHostAsync(ConnectionString, Clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        await TestDatabases.DropAsync(ConnectionString);
    }

    /// <summary>A service host on <paramref name="connectionString"/> with the automation tests' settings, and <paramref name="more"/>.</summary>
    public static Task<IAlbaHost> StartHostAsync(string connectionString, TimeProvider clock, TimeSpan? retryDelay = null,
        IReadOnlyDictionary<string, string>? more = null) =>
        AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            var delay = (retryDelay ?? TimeSpan.FromMilliseconds(200)).ToString("c");
            // Host settings: seen by Program from its first line, ahead of environment variables.
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ConnectionStrings:Marten"] = connectionString,
                ["Auth:SigningKey"] = AppFixture.SigningKey,
                ["Alerts:EscalateAfter"] = EscalateAfter.ToString("c"),
                ["Webhooks:RetryDelays:0"] = delay,
                ["Webhooks:RetryDelays:1"] = delay,
                ["Webhooks:RetryDelays:2"] = delay,
                ["Webhooks:RetryDelays:3"] = delay,
                ["Webhooks:Timeout"] = "00:00:05",
                // The receivers listen on 127.0.0.1; the SSRF guard is tested with a host of its own (SecurityFixture).
                ["Webhooks:AllowPrivateNetworks"] = "true",
                ["RateLimits:Enabled"] = "false",
            }.Concat(more ?? new Dictionary<string, string>()))
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(FileLoggerProvider.AddIfRequested);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
                // Scheduled retries and escalations are picked up within half a second, not Wolverine's 5.
                services.ConfigureWolverine(opts => opts.Durability.ScheduledJobPollingTime = TimeSpan.FromMilliseconds(500));
                services.MartenDaemonModeIsSolo();
                services.RunWolverineInSoloMode();
            });
        });

    public string TokenFor(string tenant, string role, string subject = "tester") =>
        PartnershipLifecycle.Api.Security.DevelopmentTokens.Create(new PartnershipLifecycle.Api.Security.AuthSettings { SigningKey = AppFixture.SigningKey },
            tenant, role.Split(','), subject, TimeSpan.FromHours(1));
}

[CollectionDefinition(Name)]
public sealed class AutomationCollection : ICollectionFixture<AutomationFixture>
{
    public const string Name = "automation";
}
