using System.Collections.Concurrent;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnershipLifecycle.Platform.Telemetry;

/// <summary>Configuration section <c>Projections</c>.</summary>
public sealed class ProjectionMonitorOptions
{
    public const string Section = "Projections";

    /// <summary>
    /// A projection, or the high-water mark, that is behind and has not moved for this long is stalled, and
    /// <c>/health/ready</c> says so. Read models normally follow within a fraction of a second (writers to one
    /// partner take turns, and Marten skips a hole left by a rolled-back append after 250 ms), so ten seconds
    /// without progress is not a busy moment but a stop.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the <c>partnership.projection.lag</c> gauge is refreshed from the database.</summary>
    public TimeSpan SampleEvery { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// How far one asynchronous shard (or a database's high-water mark) is from where it should be:
/// a projection's position against the high-water mark, the high-water mark against the highest
/// committed event.
/// </summary>
public sealed record ShardProgress(string Name, string Database, long Position, long Target, TimeSpan StillFor, bool Stalled)
{
    public const string HighWaterMark = "HighWaterMark";

    public long Lag => Math.Max(0, Target - Position);
}

public sealed record ProjectionProgressReport(IReadOnlyList<ShardProgress> Shards, IReadOnlyList<ShardProgress> HighWaterMarks)
{
    public static readonly ProjectionProgressReport NoAsyncProjections = new([], []);

    public bool HasAsyncProjections => Shards.Count > 0;

    public IReadOnlyList<ShardProgress> Stalled => [.. HighWaterMarks.Where(s => s.Stalled), .. Shards.Where(s => s.Stalled)];
}

/// <summary>
/// Watches Marten's asynchronous projections and subscriptions from the database, whatever runs them
/// (Marten's daemon in solo or hot/cold mode, or Wolverine's distribution across nodes): each registered
/// shard's progress against the high-water mark (Marten's own correlation of <c>mt_event_progression</c>),
/// and the high-water mark against the highest committed event. Something that is behind and does not move
/// for <see cref="ProjectionMonitorOptions.StallAfter"/> is stalled: its agent stopped, paused on errors,
/// or no node runs it. Catching up, however far behind, is not stalled. A new process starts with no
/// history, so nothing is stalled until it has watched for that long.
/// </summary>
public sealed class ProjectionMonitor(IDocumentStore store, TimeProvider clock, PartnershipMetrics metrics, IOptions<ProjectionMonitorOptions> options)
{
    private readonly ConcurrentDictionary<(string Name, string Database), (long Position, DateTimeOffset Since)> _behind = new();

    private IEventStore EventStore => (IEventStore)store;

    /// <summary>The registered asynchronous shards (projections and subscriptions); none when every projection is inline.</summary>
    public IReadOnlyList<ShardName> RegisteredShards => EventStore.RegisteredShardNames();

    public async Task<ProjectionProgressReport> ObserveAsync(CancellationToken ct)
    {
        var registered = RegisteredShards;
        if (registered.Count == 0)
        {
            return ProjectionProgressReport.NoAsyncProjections;
        }

        var now = clock.GetUtcNow();
        var shards = new List<ShardProgress>();
        var highWaterMarks = new List<ShardProgress>();
        foreach (var database in await EventStore.AllDatabases())
        {
            var lags = await database.FetchProjectionLagAsync(registered, ct);
            foreach (var lag in lags)
            {
                var progress = Track(lag.Shard.Identity, database.Identifier, lag.Sequence, lag.HighWaterMark, now);
                shards.Add(progress);
                metrics.RecordProjectionLag(progress.Name, progress.Database, progress.Lag);
            }

            var mark = lags.Count == 0 ? 0 : lags.Max(l => l.HighWaterMark);
            var highest = await HighestCommittedSequence(database, ct);
            highWaterMarks.Add(Track(ShardProgress.HighWaterMark, database.Identifier, mark, highest, now));
        }

        return new ProjectionProgressReport(shards, highWaterMarks);
    }

    private ShardProgress Track(string name, string database, long position, long target, DateTimeOffset now)
    {
        var key = (name, database);
        if (position >= target)
        {
            _behind.TryRemove(key, out _);
            return new ShardProgress(name, database, position, target, TimeSpan.Zero, false);
        }

        var seen = _behind.AddOrUpdate(key, (position, now), (_, earlier) => earlier.Position == position ? earlier : (position, now));
        var stillFor = now - seen.Since;
        return new ShardProgress(name, database, position, target, stillFor, stillFor >= options.Value.StallAfter);
    }

    private static async Task<long> HighestCommittedSequence(IEventDatabase database, CancellationToken ct) =>
        database is MartenDatabase marten
            // max(seq_id), not the sequence's last value, which counts appends that rolled back.
            ? await marten.FetchMaxEventSequenceAsync(ct) ?? 0
            : await database.FetchHighestEventSequenceNumber(ct);
}

/// <summary>Refreshes the projection lag gauge every <see cref="ProjectionMonitorOptions.SampleEvery"/>, when there are asynchronous projections.</summary>
public sealed class ProjectionLagSampler(
    ProjectionMonitor monitor, TimeProvider clock, IOptions<ProjectionMonitorOptions> options, ILogger<ProjectionLagSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (monitor.RegisteredShards.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SampleEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await monitor.ObserveAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not read the progress of the asynchronous projections.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
