using System.Text.Json;
using Wolverine.Attributes;

namespace TurnoverAutomation;

/// <summary>
/// PartnershipLifecycle's integration event as it arrives on the queue (docs/api.md, "Automation"); the message
/// name is the contract, not a shared type.
/// </summary>
[MessageIdentity("partnership-lifecycle.integration-event")]
public sealed record IntegrationEvent(Guid Id, string Type, string TenantId, Guid PartnerId, DateTimeOffset OccurredAt, JsonElement Data);
