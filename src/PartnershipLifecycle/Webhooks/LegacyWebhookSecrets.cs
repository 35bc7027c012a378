using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnershipLifecycle.Platform.Hosting;

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
        // On a new database the table comes with the first webhook; make sure it is there to be asked.
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(WebhookSubscription), ct);
        IReadOnlyList<string> rows;
        await using (var query = store.QuerySession())
        {
            rows = await query.QueryAsync<string>(
                $"select tenant_id || '/' || id::text from {PartnershipStore.SchemaName}.mt_doc_webhooksubscription " +
                "where data ->> 'secret' is not null", ct);
        }

        foreach (var row in rows)
        {
            var slash = row.LastIndexOf('/');
            var tenant = row[..slash];
            await using var session = store.LightweightSession(tenant);
            if (await session.LoadAsync<WebhookSubscription>(Guid.Parse(row[(slash + 1)..]), ct) is { Secret: { } clear } webhook)
            {
                session.Store(webhook with { ProtectedSecret = secrets.Protect(tenant, clear), Secret = null });
                await session.SaveChangesAsync(ct);
            }
        }

        return rows.Count;
    }
}
