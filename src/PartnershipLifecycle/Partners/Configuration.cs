using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Partners;

/// <summary>What the partner's stream owns: its inline snapshot with the columns its queries filter on, the MOU hold, the rules its command pipeline follows, and the rebuild of stale duplicate-check keys.</summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts)
    {
        AddPartnerSnapshot(opts);
        opts.Schema.For<MouTermHold>();
    }

    public void ConfigureServices(IServiceCollection services)
    {
        // What the command pipeline needs to know of a partner's stream (name, path, business dates, answer).
        services.AddSingleton<IStreamRules<Partner>, PartnerStream>();
        // After Marten's schema changes: partner snapshots keyed by older duplicate-check rules are rebuilt.
        services.AddHostedService<PartnerIdentityKeys>();
    }

    /// <summary>
    /// The partner as it is now, written in the same transaction as its events (what a command loads and writes), with
    /// the columns the duplicate check, the lists and the start-up checks filter on. Also part of the benchmark's
    /// "bare Marten" baseline.
    /// </summary>
    public static void AddPartnerSnapshot(StoreOptions opts)
    {
        opts.Projections.Snapshot<Partner>(SnapshotLifecycle.Inline);
        opts.Schema.For<Partner>()
            .Metadata(m => m.TenantId.MapTo(p => p.TenantId!))
            .Duplicate(p => p.NormalisedName)
            .Duplicate(p => p.WebsiteKey!)
            .Duplicate(p => p.IdentityKeysVersion)
            .Duplicate(p => p.Stage)
            .Duplicate(p => p.Sector)
            .Duplicate(p => p.Channel);
    }
}
