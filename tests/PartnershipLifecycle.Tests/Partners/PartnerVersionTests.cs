using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Contracts;

namespace PartnershipLifecycle.Tests.Partners;

/// <summary>The partner snapshot's Version is the stream's only if it applies every event of the stream.</summary>
public class PartnerVersionTests
{
    [Fact]
    public void The_partner_applies_every_event_of_its_stream()
    {
        var applied = typeof(Partner).GetMethods()
            .Where(m => m.Name == nameof(Partner.Apply) && m.GetParameters().Length == 1)
            .Select(m => m.GetParameters()[0].ParameterType)
            .ToHashSet();

        var streamEvents = typeof(IPartnerEvent).Assembly.GetTypes()
            .Where(t => typeof(IPartnerEvent).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Where(t => t != typeof(PartnershipLifecycle.Partners.Identifying.ProspectIdentified)) // Create, not Apply
            .Where(t => EventCatalogue.Stored.Any(c => c.Type == t && c.IsCurrent));

        streamEvents.Where(t => !applied.Contains(t)).Select(t => t.Name).ShouldBeEmpty();
    }
}
