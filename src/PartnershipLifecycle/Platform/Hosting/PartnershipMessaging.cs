using JasperFx;
using JasperFx.CodeGeneration;
using MediatR;
using Microsoft.Extensions.Configuration;
using PartnershipLifecycle.Platform.Json;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>Wolverine: handler discovery, serialization, transactions and retries every feature shares, then each feature's own routing.</summary>
public static class PartnershipMessaging
{
    /// <summary>The schema of Wolverine's PostgreSQL queues (shared with consumers such as samples/TurnoverAutomation).</summary>
    public const string QueueSchema = "wolverine_queues";

    /// <param name="runsAsService">False for the command-line verbs (describe, codegen, db-apply...), which run no agents.</param>
    public static void Configure(WolverineOptions opts, IConfiguration configuration, IEnumerable<IFeature> features, bool runsAsService = true)
    {
        opts.ServiceName = "partnership-lifecycle";
        opts.Discovery.IncludeAssembly(typeof(PartnershipMessaging).Assembly);

        // Queries go through MediatR; its handlers look like Wolverine's (XxxHandler.Handle) but are not.
        opts.Discovery.CustomizeHandlerDiscovery(types => types.Excludes.WithCondition("MediatR query handlers",
            type => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))));

        // Messages, queued or published, use the API's JSON: camelCase, snake_case enum values.
        opts.UseSystemTextJsonForSerialization(json => PartnershipJson.Configure(json));

        opts.Policies.AutoApplyTransactions();
        opts.Policies.UseDurableLocalQueues();
        opts.Policies.UseDurableOutboxOnAllSendingEndpoints();

        // The caller's sub travels with every command to Marten's user_name column.
        opts.EnableRelayOfUserName = true;

        // Two commands on one partner at once: the loser of Marten's optimistic check decides again on
        // the fresh state. Jitter keeps a crowd of retries from colliding in lockstep.
        opts.Policies.OnException<ConcurrencyException>()
            .RetryWithCooldown(
                Ms(5), Ms(10), Ms(20), Ms(30), Ms(50), Ms(50), Ms(75), Ms(75), Ms(100), Ms(100),
                Ms(100), Ms(150), Ms(150), Ms(200), Ms(200), Ms(250), Ms(250), Ms(300), Ms(300), Ms(400))
            .WithFullJitter();

        // PostgreSQL restarting, or a pooled connection it closed: try again a few times over about 4 s (Npgsql
        // discards a broken connection, so the next try opens a fresh one). A command still failing then answers
        // 503 with Retry-After (DatabaseUnavailable); a queued message is tried again later.
        opts.Policies.OnException(DatabaseFailures.IsTransient)
            .RetryWithCooldown(Ms(50), Ms(250), Ms(500), Ms(1000), Ms(2000))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));

        // Schedules only where agents run them (not in the command-line verbs).
        var runsAgents = runsAsService && !DynamicCodeBuilder.WithinCodegenCommand;
        foreach (var feature in features)
        {
            feature.ConfigureMessaging(opts, configuration, runsAgents);
        }
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
