using System.Security.Cryptography;
using System.Text;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using Wolverine.Attributes;

namespace PartnershipLifecycle.Automation;

/// <summary>
/// What automation and other systems receive (docs/api.md, "Automation"): <c>{id, type, tenantId, partnerId,
/// occurredAt, data}</c>, the shape <see cref="IntegrationEventEnvelope{TData}"/> describes in eventschema/.
/// One message type for every integration event, so consumers listen to one name. The id is derived from
/// what caused the event, so a redelivery carries the same id and receivers can drop duplicates.
/// </summary>
[MessageIdentity(MessageName)]
public sealed record IntegrationEvent(Guid Id, string Type, string TenantId, Guid PartnerId, DateTimeOffset OccurredAt, object Data)
{
    /// <summary>The Wolverine message name in-house consumers listen for.</summary>
    public const string MessageName = "partnership-lifecycle.integration-event";

    public static IntegrationEvent Of(IIntegrationEvent data, string tenantId, Guid partnerId, DateTimeOffset occurredAt, string cause)
    {
        var type = IntegrationEventTypes.Of(data);
        return new(IdFor(type, cause), type, tenantId, partnerId, occurredAt, data);
    }

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

    /// <summary>The current integration events' names, by name: derived from the catalogue, so a new one is listed the moment it exists.</summary>
    public static IReadOnlyList<string> All { get; } = [.. EventCatalogue.Integration.Where(c => c.IsCurrent).Select(c => c.Name)];

    /// <summary>The name an integration event's data is published under (its contract, eventschema/integration/).</summary>
    public static string Of(IIntegrationEvent data) =>
        EventCatalogue.Find(data.GetType())?.Name ?? throw new InvalidOperationException($"{data.GetType().Name} has no event contract.");
}

/// <summary>What every turnover alert notice says about the alert.</summary>
public abstract record TurnoverAlertNotice : IIntegrationEvent
{
    /// <summary>The alert (<c>GET /api/alerts</c>).</summary>
    public Guid AlertId { get; init; }

    /// <summary>The partner's name.</summary>
    [NameText]
    public string PartnerName { get; init; } = "";

    /// <summary>What kind of turnover risk the alert is about.</summary>
    public AlertKind Kind { get; init; }

    /// <summary>The alert's status after this change.</summary>
    public AlertStatus Status { get; init; }

    /// <summary>When the alert was raised.</summary>
    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>
    /// The business date of the departure that raised the alert (<c>YYYY-MM-DD</c>, the institution's calendar): what
    /// a consumer dates its own follow-up from, since a follow-up may not be due before the partner was identified.
    /// </summary>
    public DateOnly RaisedOn { get; init; }

    /// <summary>Whether the alert has been escalated.</summary>
    public bool Escalated { get; init; }

    /// <summary>When the alert was resolved, once it is.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The contact whose departure raised the alert.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>That contact's name.</summary>
    [NameText]
    public string? ContactName { get; init; }

    public static TurnoverAlertNotice Of(AlertChange change, TurnoverAlert alert, string partnerName) => change switch
    {
        AlertChange.Raised => Fill<TurnoverAlertRaisedNotice>(alert, partnerName),
        AlertChange.Escalated => Fill<TurnoverAlertEscalatedNotice>(alert, partnerName),
        _ => Fill<TurnoverAlertResolvedNotice>(alert, partnerName),
    };

    private static T Fill<T>(TurnoverAlert alert, string partnerName) where T : TurnoverAlertNotice, new() => new()
    {
        AlertId = alert.Id,
        PartnerName = partnerName,
        Kind = alert.Kind,
        Status = alert.Status,
        RaisedAt = alert.RaisedAt,
        RaisedOn = alert.RaisedOn,
        Escalated = alert.Escalated,
        ResolvedAt = alert.ResolvedAt,
        ContactId = alert.ContactId,
        ContactName = alert.ContactName,
    };
}

/// <summary>A turnover alert was raised: a champion left with none left, no active contact is left, or people keep leaving.</summary>
[EventContract(Name = IntegrationEventTypes.TurnoverAlertRaised)]
public sealed record TurnoverAlertRaisedNotice : TurnoverAlertNotice;

/// <summary>A turnover alert stayed unresolved for <c>Alerts:EscalateAfter</c> and was escalated.</summary>
[EventContract(Name = IntegrationEventTypes.TurnoverAlertEscalated)]
public sealed record TurnoverAlertEscalatedNotice : TurnoverAlertNotice;

/// <summary>A turnover alert was resolved: a champion was named, a contact added, or the partner was lost.</summary>
[EventContract(Name = IntegrationEventTypes.TurnoverAlertResolved)]
public sealed record TurnoverAlertResolvedNotice : TurnoverAlertNotice;

/// <summary>The partner's engagement health fell into the <c>at_risk</c> band.</summary>
/// <param name="PartnerName">The partner's name.</param>
/// <param name="Score">The health score, 0 to 100.</param>
/// <param name="Band">The band the score falls in.</param>
/// <param name="Factors">Each deduction from the score and why.</param>
[EventContract(Name = IntegrationEventTypes.PartnershipAtRisk)]
public sealed record PartnershipAtRiskNotice([NameText] string PartnerName, [Between(0, 100)] int Score, HealthBand Band, IReadOnlyList<HealthFactor> Factors)
    : IIntegrationEvent;

/// <summary>An MOU was signed: the partner is active.</summary>
/// <param name="PartnerName">The partner's name.</param>
/// <param name="SignedOn">When the MOU was signed.</param>
/// <param name="StartsOn">When the MOU's term starts.</param>
/// <param name="EndsOn">When the MOU's term ends.</param>
/// <param name="Commitments">What the partner commits to per MOU year.</param>
[EventContract(Name = IntegrationEventTypes.PartnershipActivated)]
public sealed record PartnershipActivatedNotice([NameText] string PartnerName, DateOnly SignedOn, DateOnly StartsOn, DateOnly EndsOn, Commitments Commitments)
    : IIntegrationEvent;

/// <summary>The MOU ends soon and has not been renewed (<c>Mou:RemindBefore</c> ahead of its end).</summary>
/// <param name="PartnerName">The partner's name.</param>
/// <param name="EndsOn">When the MOU ends.</param>
/// <param name="DaysLeft">Days from the reminder to the end.</param>
[EventContract(Name = IntegrationEventTypes.MouExpiring)]
public sealed record MouExpiringNotice([NameText] string PartnerName, DateOnly EndsOn, [NotNegative] int DaysLeft) : IIntegrationEvent;

/// <summary>The partnership was lost.</summary>
/// <param name="PartnerName">The partner's name.</param>
/// <param name="Reason">Why it was lost.</param>
/// <param name="FromStage">The stage it was lost from.</param>
/// <param name="OccurredOn">The business date of the loss.</param>
/// <param name="Note">The coordinator's note.</param>
[EventContract(Name = IntegrationEventTypes.PartnershipLost)]
public sealed record PartnershipLostNotice([NameText] string PartnerName, LossReason Reason, Stage FromStage, DateOnly OccurredOn, [FreeText] string? Note)
    : IIntegrationEvent;
