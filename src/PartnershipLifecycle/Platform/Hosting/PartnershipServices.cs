using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Health;
using PartnershipLifecycle.Platform.Queries;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>The services the features need besides Marten and Wolverine.</summary>
public static class PartnershipServices
{
    public static IServiceCollection AddPartnershipLifecycle(this IServiceCollection services)
    {
        services.AddPartnershipQueries();

        services.AddOptions<HealthSettings>()
            .BindConfiguration(HealthSettings.Section)
            .Validate(s => !s.Problems().Any(), "Health settings are inconsistent: see HealthSettings.Problems().")
            .ValidateOnStart();
        services.AddSingleton<HealthAssessor>();
        return services;
    }
}
