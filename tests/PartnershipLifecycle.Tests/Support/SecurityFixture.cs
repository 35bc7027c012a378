using System.Net;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PartnershipLifecycle.Webhooks;
using Wolverine;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>
/// A host with the production defaults the other hosts switch off: rate limits on (small, so a test reaches
/// them: <see cref="CommandsPerMinute"/>, <see cref="AdminPerMinute"/>) and webhooks kept to public addresses,
/// with a DNS resolver that maps every name under <see cref="LoopbackDomain"/> to 127.0.0.1. A database of its own.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    public const int CommandsPerMinute = 6;
    public const int AdminPerMinute = 4;
    public const string LoopbackDomain = "hooks.test";

    public IAlbaHost Host { get; private set; } = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateAsync("security");
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Testing");
            var delay = TimeSpan.FromMilliseconds(100).ToString("c");
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ConnectionStrings:Marten"] = _database,
                ["Auth:SigningKey"] = AppFixture.SigningKey,
                ["RateLimits:CommandsPerMinute"] = CommandsPerMinute.ToString(),
                ["RateLimits:AdminPerMinute"] = AdminPerMinute.ToString(),
                ["Webhooks:RetryDelays:0"] = delay,
                ["Webhooks:RetryDelays:1"] = delay,
                ["Webhooks:Timeout"] = "00:00:05",
            })
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(FileLoggerProvider.AddIfRequested);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IWebhookHostResolver>();
                services.AddSingleton<IWebhookHostResolver>(new LoopbackResolver());
                services.ConfigureWolverine(opts => opts.Durability.ScheduledJobPollingTime = TimeSpan.FromMilliseconds(500));
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
        await TestDatabases.DropAsync(_database);
    }

    public static string TokenFor(string tenant, string role, string subject = "tester") =>
        PartnershipLifecycle.Api.Security.DevelopmentTokens.Create(new PartnershipLifecycle.Api.Security.AuthSettings { SigningKey = AppFixture.SigningKey },
            tenant, role.Split(','), subject, TimeSpan.FromHours(1));

    /// <summary>A name that resolves to loopback: what an attacker's DNS would answer.</summary>
    private sealed class LoopbackResolver : IWebhookHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            host.EndsWith("." + LoopbackDomain, StringComparison.OrdinalIgnoreCase)
                ? Task.FromResult(new[] { IPAddress.Loopback })
                : Dns.GetHostAddressesAsync(host, ct);
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityFixture>
{
    public const string Name = "security";
}
