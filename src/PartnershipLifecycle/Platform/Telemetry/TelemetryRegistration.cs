using JasperFx.OpenTelemetry;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace PartnershipLifecycle.Platform.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// Our meter and what feeds it: <see cref="PartnershipMetrics"/>, the Marten listener counting appended
    /// events, and the projection lag sampler; plus Marten's own connection spans and event counters.
    /// </summary>
    public static IServiceCollection AddPartnershipMetrics(this IServiceCollection services)
    {
        services.AddSingleton<PartnershipMetrics>();
        services.AddOptions<ProjectionMonitorOptions>().BindConfiguration(ProjectionMonitorOptions.Section)
            .Validate(o => o.StallAfter > TimeSpan.Zero && o.SampleEvery > TimeSpan.Zero, "Projections:StallAfter and Projections:SampleEvery must be positive.");
        // Stalls are judged on the wall clock, not on the service's TimeProvider (business time, which tests move).
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ProjectionMonitor>(provider, TimeProvider.System));
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<ProjectionLagSampler>(provider, TimeProvider.System));

        services.ConfigureMarten((provider, opts) =>
        {
            opts.Listeners.Add(new EventsAppendedListener(provider.GetRequiredService<PartnershipMetrics>()));
            // A span per connection Marten uses (the SQL inside it comes from Npgsql's instrumentation), and
            // Marten's own counter of appended events on the "Marten" meter.
            opts.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            opts.OpenTelemetry.TrackEventCounters();
        });
        return services;
    }
}
