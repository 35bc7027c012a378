namespace PartnershipLifecycle.Platform.Contracts;

/// <summary>
/// The <c>data</c> of an event published to automation (webhooks and the in-house queue, docs/api.md "Automation").
/// Implementing it is all it takes to give the event a contract: the event schema tool's <c>write</c> then describes it
/// in <c>eventschema/integration/&lt;name&gt;.v&lt;version&gt;.json</c> inside its
/// <see cref="IntegrationEventEnvelope{TData}"/>, and the drift test holds it to that file. The name is the
/// snake_case class name unless <see cref="EventContractAttribute"/> says otherwise (e.g. a class
/// <c>PartnershipLostNotice</c> published as <c>partnership_lost</c>).
/// </summary>
public interface IIntegrationEvent;

/// <summary>How every integration event travels (docs/api.md "Automation").</summary>
/// <param name="Id">Unique per published event; subscribers use it to drop a redelivery.</param>
/// <param name="Type">The integration event's name, e.g. <c>partnership_lost</c>.</param>
/// <param name="TenantId">The institution the partner belongs to.</param>
/// <param name="PartnerId">The partner the event is about.</param>
/// <param name="OccurredAt">When the service raised the event.</param>
/// <param name="Data">What happened; its shape is the event's own.</param>
public sealed record IntegrationEventEnvelope<TData>(
    Guid Id,
    string Type,
    string TenantId,
    Guid PartnerId,
    DateTimeOffset OccurredAt,
    TData Data)
    where TData : class, IIntegrationEvent;
