using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using JasperFx.MultiTenancy;
using Marten.Events.Daemon;
using PartnershipLifecycle.Alerts;
using PartnershipLifecycle.Analytics;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Json;
using Weasel.Core;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>The Marten event store and documents: one schema, every tenant conjoined in it.</summary>
public static class PartnershipStore
{
    public const string SchemaName = "partnerships";

    /// <summary>How long the async daemon waits at a hole in the event sequence before reading past it.</summary>
    public static readonly TimeSpan StaleSequenceThreshold = TimeSpan.FromMilliseconds(250);

    public static void Configure(StoreOptions opts, string connectionString)
    {
        ConfigureEventStore(opts, connectionString);
        AddReadModels(opts);
    }

    /// <summary>
    /// The event store and the partner's inline snapshot (what a command loads and writes), without the read
    /// models: also the "bare Marten" baseline of tests/PartnershipLifecycle.Benchmarks.
    /// </summary>
    public static void ConfigureEventStore(StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
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

        // The partner as it is now: written in the same transaction as its events.
        opts.Projections.Snapshot<Partner>(SnapshotLifecycle.Inline);
        opts.Schema.For<Partner>()
            .Duplicate(p => p.NormalisedName)
            .Duplicate(p => p.WebsiteKey!)
            .Duplicate(p => p.IdentityKeysVersion)
            .Duplicate(p => p.Stage)
            .Duplicate(p => p.Sector)
            .Duplicate(p => p.Channel);
    }

    /// <summary>The read models the async daemon keeps, and the idempotency answers.</summary>
    private static void AddReadModels(StoreOptions opts)
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

        // Read models kept by the async daemon: a command's answer does not wait on them.
        opts.Projections.Add<TurnoverAlertsProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<CommitmentLedgerProjection>(ProjectionLifecycle.Async);

        // Plain SQL tables for analysts, written by the daemon and emptied before a rebuild.
        var analyticsTables = AnalyticsTables.All().ToArray();
        opts.Storage.ExtendedSchemaObjects.AddRange(analyticsTables);
        opts.Projections.Add(new AnalyticsProjection(), ProjectionLifecycle.Async, AnalyticsProjection.Name, asyncOptions =>
        {
            foreach (var table in analyticsTables)
            {
                asyncOptions.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
            }
        });

        opts.Schema.For<IdempotentAnswer>();

        // The Data Protection key ring every node shares (webhook secrets at rest), in the default tenant.
        opts.Schema.For<Webhooks.DataProtectionKeyDocument>();
    }

    /// <summary>The async daemon of this store wakes on appends, paced by <paramref name="wakeup"/>.</summary>
    public static void WakeDaemonOnAppends(StoreOptions opts, PacedDaemonWakeup wakeup) => opts.Projections.Wakeup = wakeup;
}
