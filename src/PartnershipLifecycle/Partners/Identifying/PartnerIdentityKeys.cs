using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Partners.Identifying;

/// <summary>
/// Keeps the duplicate check's keys current: a partner snapshot stored when <see cref="PartnerNames"/> computed its
/// keys differently (<see cref="Partner.IdentityKeysVersion"/> below <see cref="PartnerNames.Version"/>) is rebuilt from
/// its events at start-up, so an organisation registered before a change of the rules is still found after it. Reading a
/// partner live (<c>?version=</c>, a rebuild) always computes today's keys; only the stored snapshots need this.
/// </summary>
public sealed class PartnerIdentityKeys(IDocumentStore store, ILogger<PartnerIdentityKeys> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var rebuilt = await RefreshAsync(store, cancellationToken);
        if (rebuilt > 0)
        {
            logger.LogInformation("Rebuilt {Count} partner snapshots keyed by an older version of the duplicate check's rules", rebuilt);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Rebuilds every partner snapshot of every tenant whose keys are older than today's rules; answers how many.</summary>
    public static async Task<int> RefreshAsync(IDocumentStore store, CancellationToken ct)
    {
        // Every tenant's (AnyTenant) in every database, by the duplicated column the snapshot keeps (Partners.Configuration).
        // Snapshots stored before the column existed were given their version when the first start with it rebuilt them.
        var stale = await EveryDatabase.QueryAsync(store, async session => await session.Query<Partner>()
            .Where(p => p.AnyTenant() && p.IdentityKeysVersion < PartnerNames.Version)
            .ToListAsync(ct));
        foreach (var partner in stale)
        {
            // Marten fills the snapshot's tenant on load (Partners.Configuration maps it).
            await store.Advanced.RebuildSingleStreamAsync<Partner>(partner.Id, partner.TenantId!, ct);
        }

        return stale.Count;
    }
}
