using System.Collections.Immutable;

namespace PartnershipLifecycle.Webhooks;

/// <summary>
/// A receiver of one institution's integration events. The secret signs every delivery
/// (<c>X-Signature: sha256=&lt;hex HMAC of the body&gt;</c>) and is never shown again.
/// </summary>
public sealed record WebhookSubscription(
    Guid Id,
    string Url,
    string[] Events,
    string Secret,
    DateTimeOffset CreatedAt,
    string CreatedBy);

public enum DeliveryStatus
{
    Pending = 1,
    Retrying,
    Succeeded,
    DeadLettered,
    Cancelled,
}

public sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error, long DurationMs);

/// <summary>One integration event on its way to one webhook, with every try it took.</summary>
public sealed record WebhookDelivery(
    Guid Id,
    Guid SubscriptionId,
    Guid EventId,
    string EventType,
    string Payload,
    DateTimeOffset CreatedAt,
    DeliveryStatus Status = DeliveryStatus.Pending,
    DateTimeOffset? DeliveredAt = null)
{
    public ImmutableArray<DeliveryAttempt> Attempts { get; init; } = [];

    /// <summary>The delivery after try <paramref name="attempt"/> (numbered by Wolverine's count of tries).</summary>
    public WebhookDelivery Record(DeliveryAttempt attempt, bool succeeded, bool lastTry) => this with
    {
        // A try run again after a crash replaces its own record.
        Attempts = [.. Attempts.Where(a => a.Number != attempt.Number), attempt],
        Status = succeeded ? DeliveryStatus.Succeeded : lastTry ? DeliveryStatus.DeadLettered : DeliveryStatus.Retrying,
        DeliveredAt = succeeded ? attempt.At : DeliveredAt,
    };

    /// <summary>One delivery per event and webhook, whatever redelivers the event.</summary>
    public static Guid IdFor(Guid eventId, Guid subscriptionId) => Automation.IntegrationEvent.IdFor("delivery", $"{eventId}/{subscriptionId}");
}
