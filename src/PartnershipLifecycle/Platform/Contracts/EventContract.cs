using JasperFx.Events;

namespace PartnershipLifecycle.Platform.Contracts;

/// <summary>Whether an event is kept in a partner's stream or published to automation.</summary>
public enum EventKind
{
    /// <summary>A fact in a Marten event stream (a type implementing <see cref="IStoredEvent"/>, such as every partner event).</summary>
    Stored = 1,

    /// <summary>A message published to webhooks and in-house consumers (a type implementing <see cref="IIntegrationEvent"/>).</summary>
    Integration,
}

/// <summary>
/// Names an event's contract where the defaults do not hold: the name defaults to the snake_case class name
/// (Marten's default event type name, <c>ProspectIdentified</c> → <c>prospect_identified</c>), the version to 1.
/// A changed event keeps its name and gets the next version; the type of the version before keeps the old
/// shape for its upcaster (eventschema/README.md, "Changing an event").
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventContractAttribute : Attribute
{
    public string? Name { get; set; }

    public int Version { get; set; } = 1;
}

/// <summary>One version of one event's contract: the file <see cref="FileName"/> in eventschema/ describes it.</summary>
public sealed record EventContract(Type Type, string Name, int Version, EventKind Kind, bool IsCurrent)
{
    /// <summary>Stored events at the top of eventschema/, integration events under <c>integration/</c>.</summary>
    public string FileName => Kind == EventKind.Stored ? $"{Name}.v{Version}.json" : $"integration/{Name}.v{Version}.json";

    /// <summary>
    /// What Marten writes to <c>mt_events.type</c> for this version: the name for version 1 and, from version 2 on,
    /// the name with the version (<c>prospect_identified_v2</c>, Marten's <c>GetEventTypeNameWithSchemaVersion</c>),
    /// so the stored rows of each version stay apart and the older ones go through their upcaster.
    /// </summary>
    public string StoredTypeName => Version == 1 ? Name : EventTypeExtensions.GetEventTypeNameWithSchemaVersion(Name, (uint)Version);

    public override string ToString() => $"{Name} v{Version} ({Type.Name})";
}
