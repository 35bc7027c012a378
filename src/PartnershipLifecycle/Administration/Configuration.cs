using Marten;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Administration;

/// <summary>Administration: the event types of each tenant's administration stream (<see cref="AdministrationLog"/>).</summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts)
    {
        // Known before the first append, so that a tenant's audit reads them even if this node never wrote one.
        opts.Events.AddEventType<WebhookRegistered>();
        opts.Events.AddEventType<WebhookDeleted>();
        opts.Events.AddEventType<WebhookSecretRotated>();
    }
}
