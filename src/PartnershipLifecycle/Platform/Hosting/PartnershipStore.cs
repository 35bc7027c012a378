using JasperFx;
using JasperFx.Events;
using Marten;
using JasperFx.MultiTenancy;
using Marten.Events.Daemon;
using JasperFx.Events.Daemon.HighWater;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Json;
using Weasel.Core;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>
/// The Marten event store and documents: one schema, every tenant conjoined in it; in one database, or spread over several
/// by configuration (<see cref="InstitutionDatabases"/>).
/// </summary>
public static class PartnershipStore
{
    public const string SchemaName = "partnerships";

    /// <summary>How long the async daemon waits at a hole in the event sequence before reading past it.</summary>
    public static readonly TimeSpan StaleSequenceThreshold = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The whole store: the shared event store and what every feature adds to it (<c>Features.All</c>);
    /// <paramref name="services"/> is the host's container (null: each feature's defaults, see <see cref="IFeature"/>).
    /// </summary>
    public static void Configure(StoreOptions opts, string connectionString, IEnumerable<IFeature> features, IServiceProvider? services = null) =>
        Configure(opts, InstitutionDatabases.Single(connectionString), features, services);

    /// <summary>The whole store, its institutions placed on <paramref name="databases"/>; <paramref name="services"/> as above.</summary>
    public static void Configure(StoreOptions opts, InstitutionDatabases databases, IEnumerable<IFeature> features, IServiceProvider? services = null)
    {
        ConfigureEventStore(opts, databases);
        ConfigureShared(opts);
        foreach (var feature in features)
        {
            feature.ConfigureStore(opts, services);
        }
    }

    /// <summary>
    /// The event store alone: serializer, tenancy, metadata and every stored event under its contract's name, with no
    /// feature's projection or document. With the partner's snapshot (<c>Partners.Configuration.AddPartnerSnapshot</c>),
    /// the "bare Marten" baseline of tests/PartnershipLifecycle.Benchmarks.
    /// </summary>
    public static void ConfigureEventStore(StoreOptions opts, string connectionString) =>
        ConfigureEventStore(opts, InstitutionDatabases.Single(connectionString));

    /// <summary>The event store alone, its institutions placed on <paramref name="databases"/>.</summary>
    public static void ConfigureEventStore(StoreOptions opts, InstitutionDatabases databases)
    {
        if (databases.IsSingle)
        {
            opts.Connection(databases.Main);
        }
        else
        {
            // Marten's multi-tenancy by database; each database keeps the conjoined tenancy below.
            opts.Tenancy = new InstitutionTenancy(opts, databases);
        }

        opts.DatabaseSchemaName = SchemaName;
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            configure: json => PartnershipJson.Configure(json));

        // One institution is one tenant: nothing written for one can be read by another.
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Policies.AllDocumentsAreMultiTenanted();

        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;

        // Every event under its contract's name and version (eventschema/): a changed event is stored as
        // <name>_v<n>, and the rows of its earlier versions are read through their upcasters as the current type.
        // After the tenancy settings: mapping an event type builds its Marten mapping with the settings of the moment.
        foreach (var contract in EventCatalogue.Stored.Where(c => c.IsCurrent))
        {
            opts.Events.MapEventType(contract.Type, contract.StoredTypeName);
        }

        opts.Events.Upcast(EventCatalogue.Upcasters());
    }

    /// <summary>What every feature's read models share: how the async daemon follows appends, and the idempotency answers.</summary>
    private static void ConfigureShared(StoreOptions opts)
    {
        // Appends notify the async daemon, so read models follow in milliseconds, not at its next poll; the host
        // installs the listening side, PacedDaemonWakeup (WakeDaemonOnAppends).
        opts.Listeners.Add(new NotifyDaemonOfAppends());

        // A hole in the event sequence is a rolled-back append (a command refused after it reserved numbers, or a
        // failed transaction); the daemon waits this long before reading past it. Short is safe in Marten 9 (since
        // 9.16.1): before skipping a hole it checks PostgreSQL for a live transaction that could still fill it, and
        // measures the wait from when that hole was first seen, so a slow commit is waited for, not skipped. The
        // 3 s default held every read model 3 s behind each rolled-back append.
        opts.Projections.StaleSequenceThreshold = StaleSequenceThreshold;

        opts.Schema.For<IdempotentAnswer>();
    }

    /// <summary>The async daemon of this store wakes on appends, paced by <paramref name="wakeup"/>.</summary>
    public static void WakeDaemonOnAppends(StoreOptions opts, IDaemonWakeup wakeup) => opts.Projections.Wakeup = wakeup;
}
