using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Telemetry;
using Wolverine;
using Wolverine.Attributes;

namespace PartnershipLifecycle.Webhooks;

/// <summary>Deliver one integration event to one webhook (a durable local message, retried with back-off).</summary>
public sealed record DeliverWebhook(Guid DeliveryId);

/// <summary>A try failed; Wolverine's retry policy schedules the next one, and dead-letters after the last.</summary>
public sealed class WebhookDeliveryFailed(string message) : Exception(message);

/// <summary>Hands each integration event of a tenant to that tenant's webhooks that asked for its type.</summary>
[WolverineHandler]
public static class WebhookFanOut
{
    public static async Task<OutgoingMessages> Handle(IntegrationEvent e, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var subscriptions = await session.Query<WebhookSubscription>().Where(s => s.Events.Contains(e.Type)).ToListAsync(ct);
        var payload = JsonSerializer.Serialize(e, PartnershipJson.Options);
        var messages = new OutgoingMessages();
        foreach (var subscription in subscriptions)
        {
            var id = WebhookDelivery.IdFor(e.Id, subscription.Id);
            if (await session.LoadAsync<WebhookDelivery>(id, ct) is not null)
            {
                continue; // this event reached this webhook's queue before
            }

            session.Insert(new WebhookDelivery(id, subscription.Id, e.Id, e.Type, payload, clock.GetUtcNow()));
            messages.Add(new DeliverWebhook(id));
        }

        return messages;
    }
}

public static class DeliverWebhookHandler
{
    public const string HttpClientName = "webhooks";

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>
    /// The <c>X-Signature</c> value: one <c>sha256=&lt;hex&gt;</c> per signing secret, newest first, separated by
    /// <c>", "</c> (two during a rotation's grace period); a receiver accepts the body when any of them matches.
    /// </summary>
    public static string Signatures(IEnumerable<string> secrets, string body) => string.Join(", ", secrets.Select(s => Sign(s, body)));

    // Each try is recorded in a session of its own, committed before a failure is thrown: the retry policy
    // then schedules the next try, and the record of this one stays.
    public static async Task Handle(DeliverWebhook message, Envelope envelope, IDocumentStore store, IHttpClientFactory clients,
        IOptions<WebhookSettings> settings, TimeProvider clock, WebhookSecrets secrets, PartnershipMetrics metrics, ILogger<DeliverWebhook> logger, CancellationToken ct)
    {
        await using var session = store.LightweightSession(envelope.TenantId!);
        var delivery = await session.LoadAsync<WebhookDelivery>(message.DeliveryId, ct);
        if (delivery is null or { Status: DeliveryStatus.Succeeded or DeliveryStatus.Cancelled or DeliveryStatus.DeadLettered })
        {
            return;
        }

        var subscription = await session.LoadAsync<WebhookSubscription>(delivery.SubscriptionId, ct);
        if (subscription is null)
        {
            session.Store(delivery with { Status = DeliveryStatus.Cancelled });
            await session.SaveChangesAsync(ct);
            return;
        }

        var number = delivery.Attempts.Length + 1;
        var signature = Signatures(subscription.SigningSecrets(secrets, envelope.TenantId!, clock.GetUtcNow()), delivery.Payload);
        var (statusCode, error, elapsed) = await Post(clients.CreateClient(HttpClientName), subscription, delivery, signature, number, settings.Value.Timeout, ct);
        var succeeded = statusCode is >= 200 and < 300;
        var lastTry = !succeeded && number >= settings.Value.MaxAttempts;
        session.Store(delivery.Record(new DeliveryAttempt(number, clock.GetUtcNow(), statusCode, error, elapsed), succeeded, lastTry));
        await session.SaveChangesAsync(ct);
        metrics.WebhookDelivery(succeeded ? "delivered" : lastTry ? "abandoned" : "failed");

        if (!succeeded)
        {
            logger.LogWarning("Webhook delivery {DeliveryId} of {EventType} to {Url} failed on try {Try}: {Error}",
                delivery.Id, delivery.EventType, subscription.Url, number, error);
            throw new WebhookDeliveryFailed($"Try {number} of delivery {delivery.Id} to {subscription.Url} failed: {error}");
        }
    }

    private static async Task<(int? StatusCode, string? Error, long ElapsedMs)> Post(HttpClient client, WebhookSubscription subscription,
        WebhookDelivery delivery, string signature, int attempt, TimeSpan timeout, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signature", signature);
        request.Headers.Add("X-Event-Id", delivery.EventId.ToString());
        request.Headers.Add("X-Event-Type", delivery.EventType);
        request.Headers.Add("X-Delivery-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, deadline.Token);
            var code = (int)response.StatusCode;
            return (code, response.IsSuccessStatusCode ? null : $"HTTP {code}", watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"No answer within {timeout.TotalSeconds:0.#} s", watch.ElapsedMilliseconds);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message, watch.ElapsedMilliseconds);
        }
    }
}
