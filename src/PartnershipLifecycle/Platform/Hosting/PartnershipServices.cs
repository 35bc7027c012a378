using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>The services every feature shares besides Marten and Wolverine, then each feature's own.</summary>
public static class PartnershipServices
{
    /// <summary>Call after Marten is added: a feature's hosted service may need the schema Marten applies at start.</summary>
    public static IServiceCollection AddPartnershipLifecycle(this IServiceCollection services, IEnumerable<IFeature> features)
    {
        services.AddPartnershipQueries();

        services.AddOptions<DateLimits>().BindConfiguration(DateLimits.Section)
            .Validate(s => s.IsValid, "Dates:MouMaxTermYears must be from 1 to 100, Dates:PilotMaxDays and Dates:FollowUpMaxDaysAhead positive.")
            .ValidateOnStart();
        services.AddSingleton<InstitutionCalendar>();
        services.AddOptions<InstitutionZones>()
            .Validate<IConfiguration>((_, configuration) => !InstitutionCalendar.Problems(configuration).Any(),
                "Institutions:TimeZone or an Institutions:TimeZones:{tenant} names a time zone this machine does not know (use IANA ids such as Asia/Hong_Kong).")
            .ValidateOnStart();

        foreach (var feature in features)
        {
            feature.ConfigureServices(services);
        }

        return services;
    }

    /// <summary>Only there to have the institutions' time zones checked at start-up.</summary>
    private sealed class InstitutionZones;
}
