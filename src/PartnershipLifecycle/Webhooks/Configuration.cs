using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using PartnershipLifecycle.Platform.Hosting;
using Wolverine;
using Wolverine.ErrorHandling;

namespace PartnershipLifecycle.Webhooks;

/// <summary>
/// Webhooks: their subscriptions and deliveries, the Data Protection key ring their secrets are protected with, the
/// delivery queue and its retries, the HTTP client that delivers, and <c>Webhooks:</c> settings.
/// </summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts)
    {
        // The lists' sorts, in the database: webhooks by (createdAt, id), a webhook's deliveries by (createdAt, id) desc.
        opts.Schema.For<WebhookSubscription>().Metadata(m => m.TenantId.MapTo(w => w.TenantId!))
            .Index([w => w.CreatedAt, w => w.Id]);
        opts.Schema.For<WebhookDelivery>().Index([d => d.SubscriptionId, d => d.CreatedAt, d => d.Id]);
        // The Data Protection key ring every node shares (webhook secrets at rest), in the default tenant.
        opts.Schema.For<DataProtectionKeyDocument>();
    }

    public void ConfigureMessaging(WolverineOptions opts, IConfiguration configuration, bool runsAgents)
    {
        // Webhook deliveries: a queue of their own, retried with back-off, then dead-lettered.
        var webhooks = configuration.GetSection(WebhookSettings.Section).Get<WebhookSettings>() ?? new WebhookSettings();
        opts.PublishMessage<DeliverWebhook>().ToLocalQueue("webhooks");
        // The handler numbers its tries by Wolverine's count and says when one was the last, so the dead-letter
        // queue holds exactly the deliveries shown as dead_lettered, across crashes too.
        opts.Policies.OnException<WebhookDeliveryAbandoned>().MoveToErrorQueue();
        opts.Policies.OnException<WebhookDeliveryFailed>().ScheduleRetry(webhooks.Delays).Then.MoveToErrorQueue();
    }

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddOptions<WebhookSettings>().BindConfiguration(WebhookSettings.Section)
            .Validate(s => s.Delays.All(d => d >= TimeSpan.Zero) && s.Timeout > TimeSpan.Zero && s.SecretGracePeriod >= TimeSpan.Zero,
                "Webhooks:RetryDelays and Webhooks:SecretGracePeriod may not be negative and Webhooks:Timeout must be positive.")
            .ValidateOnStart();
        // Each connection of the webhook client checks the addresses it reaches (server-side request forgery).
        services.AddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.AddHttpClient(DeliverWebhookHandler.HttpClientName).ConfigurePrimaryHttpMessageHandler(WebhookConnector.Configure);
        services.AddWebhookSecrets();
        // Deliveries follow no redirects (after the connector above has configured the same handler).
        services.Configure<HttpClientFactoryOptions>(DeliverWebhookHandler.HttpClientName, DeliverWebhookHandler.FollowNoRedirects);
        // Webhook secrets stored in clear by earlier versions are protected (after Marten's schema changes).
        services.AddHostedService<LegacyWebhookSecrets>();
    }
}
