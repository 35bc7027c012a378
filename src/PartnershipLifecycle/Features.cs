using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle;

/// <summary>
/// The features of the service: each folder registers what it owns in its <c>Configuration.cs</c> (projections,
/// documents, routing, settings, services), and the host applies them in this order. A new feature or read model is a
/// folder and one line here. Platform/ knows none of them.
/// </summary>
public static class Features
{
    public static IReadOnlyList<IFeature> All { get; } =
    [
        new Partners.Configuration(),
        new Partners.Alerting.Configuration(),
        new EngagementHealth.Configuration(),
        new Analytics.Configuration(),
        new Automation.Configuration(),
        new Webhooks.Configuration(),
        new Administration.Configuration(),
    ];
}
