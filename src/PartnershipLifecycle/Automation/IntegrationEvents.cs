using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using PartnershipLifecycle.Alerts;
using PartnershipLifecycle.Health;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using Wolverine.Attributes;

namespace PartnershipLifecycle.Automation;

/// <summary>
/// What automation and other systems receive (API.md, "Automation"): <c>{id, type, tenantId, partnerId,
/// occurredAt, data}</c>. The id is derived from what caused the event, so a redelivery carries the same id
/// and receivers can drop duplicates.
/// </summary>
[MessageIdentity(MessageName)]
public sealed record IntegrationEvent(Guid Id, string Type, string TenantId, Guid PartnerId, DateTimeOffset OccurredAt, object Data)
{
    /// <summary>The Wolverine message name in-house consumers listen for.</summary>
    public const string MessageName = "partnership-lifecycle.integration-event";

    public static IntegrationEvent Of(IIntegrationEventData data, string tenantId, Guid partnerId, DateTimeOffset occurredAt, string cause) =>
        new(IdFor(data.EventType, cause), data.EventType, tenantId, partnerId, occurredAt, data);

    /// <summary>The same cause always gives the same id.</summary>
    public static Guid IdFor(string type, string cause)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{type}/{cause}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}

/// <summary>The <c>data</c> of one integration event type; <see cref="EventType"/> is its snake_case name.</summary>
public interface IIntegrationEventData
{
    string EventType { get; }
}

/// <summary>Every integration event type, for subscribers to choose from.</summary>
public static class IntegrationEventTypes
{
    public const string TurnoverAlertRaised = "turnover_alert_raised";
    public const string TurnoverAlertEscalated = "turnover_alert_escalated";
    public const string TurnoverAlertResolved = "turnover_alert_resolved";
    public const string PartnershipAtRisk = "partnership_at_risk";
    public const string PartnershipActivated = "partnership_activated";
    public const string MouExpiring = "mou_expiring";
    public const string PartnershipLost = "partnership_lost";

    public static readonly IReadOnlyList<string> All =
    [
        TurnoverAlertRaised, TurnoverAlertEscalated, TurnoverAlertResolved, PartnershipAtRisk, PartnershipActivated, MouExpiring,
        PartnershipLost,
    ];
}

/// <summary>An alert was raised, escalated or resolved; <see cref="EventType"/> says which.</summary>
public sealed record TurnoverAlertData(
    [property: JsonIgnore] string EventType,
    Guid AlertId,
    string PartnerName,
    AlertKind Kind,
    AlertStatus Status,
    DateTimeOffset RaisedAt,
    bool Escalated,
    DateTimeOffset? ResolvedAt,
    Guid? ContactId,
    string? ContactName) : IIntegrationEventData;

/// <summary><c>partnership_at_risk</c>: the partner's health fell into the <c>at_risk</c> band.</summary>
public sealed record PartnershipAtRiskData(string PartnerName, int Score, HealthBand Band, IReadOnlyList<HealthFactor> Factors) : IIntegrationEventData
{
    [JsonIgnore] public string EventType => IntegrationEventTypes.PartnershipAtRisk;
}

/// <summary><c>partnership_activated</c>: an MOU was signed.</summary>
public sealed record PartnershipActivatedData(string PartnerName, DateOnly SignedOn, DateOnly StartsOn, DateOnly EndsOn, Commitments Commitments)
    : IIntegrationEventData
{
    [JsonIgnore] public string EventType => IntegrationEventTypes.PartnershipActivated;
}

/// <summary><c>mou_expiring</c>: the MOU ends soon and has not been renewed.</summary>
public sealed record MouExpiringData(string PartnerName, DateOnly EndsOn, int DaysLeft) : IIntegrationEventData
{
    [JsonIgnore] public string EventType => IntegrationEventTypes.MouExpiring;
}

/// <summary><c>partnership_lost</c>: the partner was lost, why and from which stage.</summary>
public sealed record PartnershipLostData(string PartnerName, LossReason Reason, Stage FromStage, DateOnly OccurredOn, string? Note) : IIntegrationEventData
{
    [JsonIgnore] public string EventType => IntegrationEventTypes.PartnershipLost;
}
