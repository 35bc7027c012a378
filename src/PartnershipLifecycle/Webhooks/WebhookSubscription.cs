using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace PartnershipLifecycle.Webhooks;

/// <summary>
/// A receiver of one institution's integration events. Its secret signs every delivery
/// (<c>X-Signature: sha256=&lt;hex HMAC of the body&gt;</c>), is stored protected (<see cref="WebhookSecrets"/>)
/// and is never shown again. After a rotation the previous secret signs too until <see cref="PreviousSecretUntil"/>.
/// </summary>
public sealed record WebhookSubscription(
    Guid Id,
    string Url,
    string[] Events,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>The signing secret, protected by Data Protection for this tenant.</summary>
    public string? ProtectedSecret { get; init; }

    /// <summary>The secret before the last rotation, protected, still signing until <see cref="PreviousSecretUntil"/> (UTC).</summary>
    public string? PreviousProtectedSecret { get; init; }

    public DateTimeOffset? PreviousSecretUntil { get; init; }

    /// <summary>
    /// The secret in clear, as webhooks registered before secrets were protected stored it. Still used to sign
    /// their deliveries; rotating the secret removes it.
    /// </summary>
    public string? Secret { get; init; }

    /// <summary>
    /// The institution the webhook belongs to: Marten fills it from the document's tenant when it loads it (mapped in
    /// the feature's <c>Configuration</c>), for the start-up work that reads every tenant's webhooks. Not in the JSON.
    /// </summary>
    [JsonIgnore]
    public string? TenantId { get; set; }

    /// <summary>The secrets that sign a delivery at <paramref name="now"/>, newest first.</summary>
    public IReadOnlyList<string> SigningSecrets(WebhookSecrets secrets, string tenantId, DateTimeOffset now)
    {
        var current = ProtectedSecret is not null ? secrets.Unprotect(tenantId, ProtectedSecret) : Secret
            ?? throw new InvalidOperationException($"Webhook {Id} has no secret.");
        return PreviousProtectedSecret is not null && PreviousSecretUntil > now
            ? [current, secrets.Unprotect(tenantId, PreviousProtectedSecret)]
            : [current];
    }
}

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
