using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Platform.Hosting;
using Wolverine;
using Wolverine.Postgresql;

namespace PartnershipLifecycle.Automation;

/// <summary>
/// Automation: where integration events go, the health re-scoring queue, the daily checks' schedule, the health
/// watch documents and <c>Mou:</c> settings.
/// </summary>
public sealed class Configuration : IFeature
{
    /// <summary>The PostgreSQL queue in-house consumers read integration events from.</summary>
    public const string IntegrationEventQueue = "partnership-events";

    public void ConfigureStore(StoreOptions opts) => opts.Schema.For<HealthWatch>();

    public void ConfigureMessaging(WolverineOptions opts, IConfiguration configuration, bool runsAgents)
    {
        // Integration events go to this service's webhooks and to a PostgreSQL queue for in-house consumers.
        opts.PublishMessage<IntegrationEvent>().ToLocalQueue("integration-events");
        opts.PublishMessage<IntegrationEvent>().ToPostgresqlQueue(IntegrationEventQueue);

        // Health is re-scored one message at a time, so two changes at once cannot both announce one fall.
        opts.LocalQueue("health").Sequential();
        opts.PublishMessage<RescorePartnerHealth>().ToLocalQueue("health");
        opts.PublishMessage<DailyTenantChecks>().ToLocalQueue("health");

        // Health changes as days pass without events: re-score every partner once a day, and catch MOU terms.
        if (runsAgents)
        {
            // Hourly: each institution's checks run in the hour its own clock reads 02 (HealthWatchHandlers.DailyChecksHour).
            opts.Schedules.ScheduleRecurring<DailyChecks>("0 * * * *", TimeZoneInfo.Utc);
        }
    }

    public void ConfigureServices(IServiceCollection services) =>
        services.AddOptions<MouSettings>().BindConfiguration(MouSettings.Section)
            .Validate(s => s.RemindBefore >= TimeSpan.Zero && s.GraceAfterEntry >= TimeSpan.Zero, "Mou:RemindBefore and Mou:GraceAfterEntry may not be negative.")
            .ValidateOnStart();
}
