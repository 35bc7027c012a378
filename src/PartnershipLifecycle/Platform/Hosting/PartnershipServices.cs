using Microsoft.Extensions.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Webhooks;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>The services the features need besides Marten and Wolverine.</summary>
public static class PartnershipServices
{
    public static IServiceCollection AddPartnershipLifecycle(this IServiceCollection services)
    {
        services.AddPartnershipQueries();
        services.AddSingleton<PartnershipLifecycle.Platform.Commands.IStreamRules<PartnershipLifecycle.Partners.Partner>, PartnershipLifecycle.Partners.PartnerStream>();

        services.AddOptions<HealthSettings>()
            .BindConfiguration(HealthSettings.Section)
            .Validate(s => !s.Problems().Any(), "Health settings are inconsistent: see HealthSettings.Problems().")
            .ValidateOnStart();
        services.AddSingleton<HealthAssessor>();

        services.AddOptions<AlertSettings>().BindConfiguration(AlertSettings.Section)
            .Validate(s => s.EscalateAfter > TimeSpan.Zero, "Alerts:EscalateAfter must be positive.").ValidateOnStart();
        services.AddOptions<MouSettings>().BindConfiguration(MouSettings.Section)
            .Validate(s => s.RemindBefore >= TimeSpan.Zero && s.GraceAfterEntry >= TimeSpan.Zero, "Mou:RemindBefore and Mou:GraceAfterEntry may not be negative.")
            .ValidateOnStart();
        services.AddOptions<DateLimits>().BindConfiguration(DateLimits.Section)
            .Validate(s => s.IsValid, "Dates:MouMaxTermYears must be from 1 to 100, Dates:PilotMaxDays and Dates:FollowUpMaxDaysAhead positive.")
            .ValidateOnStart();
        services.AddOptions<WebhookSettings>().BindConfiguration(WebhookSettings.Section)
            .Validate(s => s.Delays.All(d => d >= TimeSpan.Zero) && s.Timeout > TimeSpan.Zero && s.SecretGracePeriod >= TimeSpan.Zero,
                "Webhooks:RetryDelays and Webhooks:SecretGracePeriod may not be negative and Webhooks:Timeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<InstitutionCalendar>();
        services.AddOptions<InstitutionZones>()
            .Validate<IConfiguration>((_, configuration) => !InstitutionCalendar.Problems(configuration).Any(),
                "Institutions:TimeZone or an Institutions:TimeZones:{tenant} names a time zone this machine does not know (use IANA ids such as Asia/Hong_Kong).")
            .ValidateOnStart();
        // Each connection of the webhook client checks the addresses it reaches (server-side request forgery).
        services.AddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.AddHttpClient(DeliverWebhookHandler.HttpClientName).ConfigurePrimaryHttpMessageHandler(WebhookConnector.Configure);
        services.AddWebhookSecrets();
        // Deliveries follow no redirects (after the connector above has configured the same handler).
        services.Configure<HttpClientFactoryOptions>(DeliverWebhookHandler.HttpClientName, DeliverWebhookHandler.FollowNoRedirects);
        return services;
    }

    /// <summary>Only there to have the institutions' time zones checked at start-up.</summary>
    private sealed class InstitutionZones;
}
