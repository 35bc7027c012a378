using System.Reflection;
using JasperFx.Events;
using Marten.Services.Json.Transformations;

namespace PartnershipLifecycle.Platform.Contracts;

/// <summary>
/// Every event contract of the service, found by reflection: each type implementing <see cref="IStoredEvent"/>
/// (stored) or <see cref="IIntegrationEvent"/> (published), named and versioned by
/// <see cref="EventContractAttribute"/> or the defaults. A new event type is in the catalogue the moment it
/// exists, so the drift test fails until its schema is written.
/// </summary>
public static class EventCatalogue
{
    private static readonly Assembly Domain = typeof(IStoredEvent).Assembly;
    private static readonly Lazy<IReadOnlyList<EventContract>> Discovered = new(() => Discover(Domain.GetTypes()));

    /// <summary>Every contract, stored first, by name and version.</summary>
    public static IReadOnlyList<EventContract> All => Discovered.Value;

    public static IEnumerable<EventContract> Stored => All.Where(c => c.Kind == EventKind.Stored);

    public static IEnumerable<EventContract> Integration => All.Where(c => c.Kind == EventKind.Integration);

    /// <summary>The contract of an event's .NET type, or null for a type that is no event of ours.</summary>
    public static EventContract? Find(Type type) => All.FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// Every <c>mt_events.type</c> under which events of <paramref name="eventType"/> lie, one per version
    /// (<c>prospect_identified</c>, <c>prospect_identified_v2</c>): what a query by event type must name, since
    /// Marten's <c>EventTypesAre</c> names only the current version's (eventschema/README.md).
    /// </summary>
    public static string[] StoredTypeNames(Type eventType)
    {
        var contract = Find(eventType) ?? throw new ArgumentException($"{eventType.FullName} is no event of the catalogue.", nameof(eventType));
        return [.. Stored.Where(c => c.Name == contract.Name).Select(c => c.StoredTypeName)];
    }

    /// <summary>The contracts of the given types (the service's, or a test's own).</summary>
    public static IReadOnlyList<EventContract> Discover(IEnumerable<Type> types)
    {
        var found = types
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .Select(t => (Type: t, Kind: KindOf(t)))
            .Where(t => t.Kind is not null)
            .Select(t =>
            {
                var attribute = t.Type.GetCustomAttribute<EventContractAttribute>();
                return (t.Type, Kind: t.Kind!.Value, Name: attribute?.Name ?? EventTypeExtensions.GetEventTypeName(t.Type),
                    Version: attribute?.Version ?? 1);
            })
            .ToList();

        foreach (var (type, _, _, version) in found.Where(c => c.Version < 1))
        {
            throw new InvalidOperationException($"{type.FullName}: an event's version starts at 1, not {version}.");
        }

        var clash = found.GroupBy(c => (c.Kind, c.Name, c.Version)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException(
                $"{string.Join(" and ", clash.Select(c => c.Type.FullName))} both claim {clash.Key.Kind} event {clash.Key.Name} v{clash.Key.Version}.");
        }

        return found
            .Select(c => new EventContract(c.Type, c.Name, c.Version, c.Kind,
                IsCurrent: !found.Any(other => other.Kind == c.Kind && other.Name == c.Name && other.Version > c.Version)))
            .OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Version)
            .ToArray();
    }

    /// <summary>
    /// The upcasters that read superseded versions of stored events as their current type, one per superseded
    /// version (Marten's <see cref="EventUpcaster{TOldEvent,TEvent}"/> classes of the domain).
    /// </summary>
    public static IEventUpcaster[] Upcasters() =>
        Domain.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEventUpcaster).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IEventUpcaster)Activator.CreateInstance(t)!)
            .ToArray();

    private static EventKind? KindOf(Type type) =>
        typeof(IStoredEvent).IsAssignableFrom(type) ? EventKind.Stored
        : typeof(IIntegrationEvent).IsAssignableFrom(type) ? EventKind.Integration
        : null;
}
