using Microsoft.Extensions.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Health;
using PartnershipLifecycle.Webhooks;
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

        services.AddOptions<AlertSettings>().BindConfiguration(AlertSettings.Section)
            .Validate(s => s.EscalateAfter > TimeSpan.Zero, "Alerts:EscalateAfter must be positive.").ValidateOnStart();
        services.AddOptions<MouSettings>().BindConfiguration(MouSettings.Section)
            .Validate(s => s.RemindBefore >= TimeSpan.Zero, "Mou:RemindBefore may not be negative.").ValidateOnStart();
        services.AddOptions<WebhookSettings>().BindConfiguration(WebhookSettings.Section)
            .Validate(s => s.Delays.All(d => d >= TimeSpan.Zero) && s.Timeout > TimeSpan.Zero, "Webhooks:RetryDelays may not be negative and Webhooks:Timeout must be positive.")
            .ValidateOnStart();
        services.AddHttpClient(DeliverWebhookHandler.HttpClientName);
        services.Configure<HttpClientFactoryOptions>(DeliverWebhookHandler.HttpClientName, DeliverWebhookHandler.FollowNoRedirects);
        return services;
    }
}
