using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.EngagementHealth;

/// <summary>Engagement health: the asynchronous commitments ledger, <c>Health:</c> settings and the assessor.</summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts) =>
        opts.Projections.Add<CommitmentLedgerProjection>(ProjectionLifecycle.Async);

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddOptions<HealthSettings>()
            .BindConfiguration(HealthSettings.Section)
            .Validate(s => !s.Problems().Any(), "Health settings are inconsistent: see HealthSettings.Problems().")
            .ValidateOnStart();
        services.AddSingleton<HealthAssessor>();
        // The partner list's ?band= filter asks health through the list's own interface.
        services.AddSingleton<IPartnerHealthBands>(provider => provider.GetRequiredService<HealthAssessor>());
    }
}
