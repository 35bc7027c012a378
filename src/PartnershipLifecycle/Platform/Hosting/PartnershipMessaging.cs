using JasperFx;
using JasperFx.CodeGeneration;
using MediatR;
using Microsoft.Extensions.Configuration;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Webhooks;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>Wolverine: handler discovery, transactions, routing of integration events, and retries.</summary>
public static class PartnershipMessaging
{
    /// <summary>The PostgreSQL queue in-house consumers read integration events from.</summary>
    public const string IntegrationEventQueue = "partnership-events";

    /// <summary>The schema of Wolverine's PostgreSQL queues (shared with consumers such as samples/TurnoverAutomation).</summary>
    public const string QueueSchema = "wolverine_queues";

    /// <param name="runsAsService">False for the command-line verbs (describe, codegen, db-apply...), which run no agents.</param>
    public static void Configure(WolverineOptions opts, IConfiguration configuration, bool runsAsService = true)
    {
        opts.ServiceName = "partnership-lifecycle";
        opts.Discovery.IncludeAssembly(typeof(Partner).Assembly);

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

        // Integration events go to this service's webhooks and to a PostgreSQL queue for in-house consumers.
        opts.PublishMessage<IntegrationEvent>().ToLocalQueue("integration-events");
        opts.PublishMessage<IntegrationEvent>().ToPostgresqlQueue(IntegrationEventQueue);

        // Webhook deliveries: a queue of their own, retried with back-off, then dead-lettered.
        var webhooks = configuration.GetSection(WebhookSettings.Section).Get<WebhookSettings>() ?? new WebhookSettings();
        opts.PublishMessage<DeliverWebhook>().ToLocalQueue("webhooks");
        opts.Policies.OnException<WebhookDeliveryFailed>().ScheduleRetry(webhooks.Delays).Then.MoveToErrorQueue();

        // Health is re-scored one message at a time, so two changes at once cannot both announce one fall.
        opts.LocalQueue("health").Sequential();
        opts.PublishMessage<RescorePartnerHealth>().ToLocalQueue("health");
        opts.PublishMessage<DailyTenantChecks>().ToLocalQueue("health");

        // Health changes as days pass without events: re-score every partner once a day, and catch MOU terms.
        // (Not for the command-line verbs: Wolverine refuses schedules where no agent runs them.)
        if (runsAsService && !DynamicCodeBuilder.WithinCodegenCommand)
        {
            // Hourly: each institution's checks run in the hour its own clock reads 02 (HealthWatchHandlers.DailyChecksHour).
            opts.Schedules.ScheduleRecurring<DailyChecks>("0 * * * *", TimeZoneInfo.Utc);
        }
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
