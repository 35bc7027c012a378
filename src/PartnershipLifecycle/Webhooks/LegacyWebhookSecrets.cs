using Marten;
using PartnershipLifecycle.Platform.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartnershipLifecycle.Webhooks;

/// <summary>
/// Protects, at start-up, the secrets of webhooks registered before secrets were protected: each one stored in clear
/// (<see cref="WebhookSubscription.Secret"/>) is protected for its tenant (<see cref="WebhookSecrets"/>) and the clear
/// text removed, so that after the first start of this version a database dump yields no webhook secret. Signatures
/// do not change: the same secret signs, only its storage does.
/// </summary>
public sealed class LegacyWebhookSecrets(IDocumentStore store, WebhookSecrets secrets, ILogger<LegacyWebhookSecrets> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var protectedCount = await ProtectAllAsync(store, secrets, cancellationToken);
        if (protectedCount > 0)
        {
            logger.LogInformation("Protected the secrets of {Count} webhooks stored in clear before this version", protectedCount);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Protects every webhook secret stored in clear, in every tenant; answers how many.</summary>
    public static async Task<int> ProtectAllAsync(IDocumentStore store, WebhookSecrets secrets, CancellationToken ct)
    {
        // In every database institutions are placed on. On a new database the table comes with the first webhook; make
        // sure it is there to be asked.
        var inClear = await EveryDatabase.QueryAsync(store, async query =>
        {
            await query.Database.EnsureStorageExistsAsync(typeof(WebhookSubscription), ct);
            return await query.Query<WebhookSubscription>().Where(w => w.AnyTenant() && w.Secret != null).ToListAsync(ct);
        });

        foreach (var webhook in inClear)
        {
            var tenant = webhook.TenantId ?? throw new InvalidOperationException($"Webhook {webhook.Id} was loaded without its tenant.");
            await using var session = store.LightweightSession(tenant);
            session.Store(webhook with { ProtectedSecret = secrets.Protect(tenant, webhook.Secret!), Secret = null });
            await session.SaveChangesAsync(ct);
        }

        return inClear.Count;
    }
}
