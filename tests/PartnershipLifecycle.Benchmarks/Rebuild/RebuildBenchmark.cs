using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Npgsql;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Benchmarks.Rebuild;

public sealed record RebuildResult(long Events, double Seconds, IReadOnlyDictionary<string, double> SecondsByProjection)
{
    public double EventsPerSecond => Events / Seconds;

    public string Describe() => $"{Events:N0} events in {Seconds:0.00} s = {EventsPerSecond:N0} events/s (" +
        string.Join(", ", SecondsByProjection.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:0.00} s")) + ")";
}

/// <summary>
/// 5. Rebuild: every read model of the service (the partner snapshot, turnover alerts, the commitments ledger and
/// the analytics tables) rebuilt from a store of partners with realistic lives, the way the
/// <c>projections --rebuild</c> verb does it: one daemon, prepared for rebuilds, every projection rebuilt at once
/// (Marten's per-database cap applies). The store is configured by the service's <see cref="PartnershipStore.Configure(StoreOptions, string, IEnumerable{IFeature}, IServiceProvider)"/>,
/// in this process and its own database, with the service stopped, after <c>VACUUM (ANALYZE)</c> of the seeded store. Events/s = the events in the store divided by
/// the wall time until the last projection is rebuilt.
/// </summary>
public sealed class RebuildBenchmark(string connectionString) : IDisposable
{
    private readonly DocumentStore _store = DocumentStore.For(opts =>
    {
        PartnershipStore.Configure(opts, connectionString, Features.All);
        opts.DisableNpgsqlLogging = true;
    });

    private long _events;

    public async Task<(long Events, int Partners, double Seconds)> SeedAsync(long events, IReadOnlyList<string> tenants)
    {
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var random = new Random(5);
        var partners = new List<(PartnerSlot, List<object>)>();
        long planned = 0;
        while (planned < events)
        {
            var length = (int)Math.Min(events - planned, random.Next(12, 33));
            var lived = Seeding.Lived(tenants[partners.Count % tenants.Count], $"Rebuild Partner {partners.Count:000000}", Math.Max(6, length), random);
            partners.Add(lived);
            planned += lived.Events.Count;
        }

        var watch = Stopwatch.StartNew();
        _events = await Seeding.AppendAsync(_store, partners, perTransaction: 100, parallelism: 4);
        var seeded = watch.Elapsed.TotalSeconds;

        // A store in production has statistics (autovacuum keeps them); a table filled seconds ago has none, and
        // the daemon's page query then scans instead of using the index (in one run: 100 ms a page, 4,000 events/s).
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("vacuum (analyze)", connection);
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync();
        return (_events, partners.Count, seeded);
    }

    /// <summary>The names of every read model the rebuild runs.</summary>
    public IReadOnlyList<string> ProjectionNames => [.. _store.Options.Projections.AllProjectionNames().Select(n => n.Trim('\''))];

    /// <summary>Rebuilds every read model at once, or only <paramref name="only"/>.</summary>
    public async Task<RebuildResult> RunAsync(IReadOnlyList<string>? only = null)
    {
        var names = only ?? ProjectionNames;
        var seconds = new ConcurrentDictionary<string, double>();
        using var daemon = await _store.BuildProjectionDaemonAsync();
        var total = Stopwatch.StartNew();
        await daemon.PrepareForRebuildsAsync();
        var cap = ((IEventStore)_store).MaxConcurrentRebuildsPerDatabase is > 0 and var max ? max : -1;
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = cap }, async (name, ct) =>
        {
            var one = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(10), ct);
            seconds[name] = one.Elapsed.TotalSeconds;
        });
        await daemon.StopAllAsync();
        return new RebuildResult(_events, total.Elapsed.TotalSeconds, seconds);
    }

    public void Dispose() => _store.Dispose();
}
