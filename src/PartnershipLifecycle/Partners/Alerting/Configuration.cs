using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>Turnover alerts: the asynchronous <see cref="PartnerTurnover"/> documents, and <c>Alerts:</c> settings.</summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts)
    {
        // Kept by the async daemon: a command's answer does not wait on it.
        opts.Projections.Add<TurnoverAlertsProjection>(ProjectionLifecycle.Async);
        // GET /api/alerts finds the documents holding an alert of a status and kind by containment on this index.
        opts.Schema.For<PartnerTurnover>().GinIndexJsonDataMember(p => p.Alerts);
    }

    public void ConfigureServices(IServiceCollection services) =>
        services.AddOptions<AlertSettings>().BindConfiguration(AlertSettings.Section)
            .Validate(s => s.EscalateAfter > TimeSpan.Zero, "Alerts:EscalateAfter must be positive.").ValidateOnStart();
}
