using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>
/// A feature folder's registration of what it owns (its <c>Configuration.cs</c>): its Marten projections, documents,
/// indexes and schema objects, its Wolverine routing, queues and schedules, and its settings and services. The
/// hosting code here applies every feature it is given and knows none of them; the list lives in
/// <c>PartnershipLifecycle.Features</c>. Each part is optional.
/// </summary>
public interface IFeature
{
    /// <summary>Marten: after the shared event store (<see cref="PartnershipStore.ConfigureEventStore(StoreOptions, InstitutionDatabases)"/>) is configured.</summary>
    void ConfigureStore(StoreOptions opts)
    {
    }

    /// <summary>
    /// Marten, for a feature whose projections need the service's settings or clock: <paramref name="services"/> is
    /// the host's container, or null where a store is built without one (benchmarks, schema tools), in which case
    /// the feature uses its defaults. Calls <see cref="ConfigureStore(StoreOptions)"/> unless overridden.
    /// </summary>
    void ConfigureStore(StoreOptions opts, IServiceProvider? services) => ConfigureStore(opts);

    /// <summary>Wolverine: after the shared policies (<see cref="PartnershipMessaging.Configure"/>).</summary>
    /// <param name="configuration">The service's configuration, for settings Wolverine needs at start (retry delays).</param>
    /// <param name="runsAgents">
    /// False for the command-line verbs (describe, codegen, db-apply...), which run no agents: Wolverine refuses
    /// recurring schedules there.
    /// </param>
    void ConfigureMessaging(WolverineOptions opts, IConfiguration configuration, bool runsAgents)
    {
    }

    /// <summary>
    /// Settings and services. Called after Marten is added, so that a hosted service registered here starts after
    /// Marten has applied its schema changes.
    /// </summary>
    void ConfigureServices(IServiceCollection services)
    {
    }
}
