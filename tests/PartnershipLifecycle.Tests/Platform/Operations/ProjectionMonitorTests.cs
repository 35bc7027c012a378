using System.Diagnostics.Metrics;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnershipLifecycle.Api.Operations;
using PartnershipLifecycle.Platform.Telemetry;

namespace PartnershipLifecycle.Tests.Platform.Operations;

/// <summary>
/// The service has no asynchronous projection yet, so these tests give a store of their own (its own schema)
/// a tiny one and run Marten's real daemon on it: what /health/ready and the lag gauge say as the daemon
/// keeps up, stops, or never runs.
/// </summary>
public sealed class ProjectionMonitorTests : IAsyncLifetime
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _schema = "ops_probe_" + Guid.NewGuid().ToString("N")[..10];
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly PingCounter _projection = new();
    private DocumentStore _store = null!;
    private ProjectionMonitor _monitor = null!;

    private static string ConnectionString => Environment.GetEnvironmentVariable("ConnectionStrings__Marten")
        ?? throw new InvalidOperationException("ConnectionStrings__Marten is not set: run the tests with ./test.sh.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = DocumentStore.For(opts =>
        {
            opts.Connection(ConnectionString);
            opts.DatabaseSchemaName = _schema;
            opts.AutoCreateSchemaObjects = AutoCreate.All;
            opts.Projections.Add(_projection, ProjectionLifecycle.Async, PingCounter.Name);
        });
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _monitor = new ProjectionMonitor(_store, _clock, new PartnershipMetrics(_meters.GetRequiredService<IMeterFactory>()),
            Options.Create(new ProjectionMonitorOptions { StallAfter = StallAfter }));
    }

    public async ValueTask DisposeAsync()
    {
        _projection.Resume();
        await _store.DisposeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {_schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
        await _meters.DisposeAsync();
    }

    [Fact]
    public async Task Running_while_the_daemon_keeps_up_with_the_lag_in_the_gauge()
    {
        using var daemon = await _store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await Append(5);
        await daemon.Tracker.WaitForShardState(PingCounter.Shard, 5, Patience);

        var report = await _monitor.ObserveAsync(Ct);
        _clock.Advance(StallAfter * 2);
        report = await _monitor.ObserveAsync(Ct);

        report.HasAsyncProjections.ShouldBeTrue();
        var shard = report.Shards.ShouldHaveSingleItem();
        (shard.Name, shard.Position, shard.Lag).ShouldBe((PingCounter.Shard, 5L, 0L));
        report.Stalled.ShouldBeEmpty();
        (await Check()).Status.ShouldBe(HealthStatus.Healthy);
        LagGauge().ShouldBe(0);
        await daemon.StopAllAsync();
    }

    [Fact]
    public async Task A_projection_stuck_while_events_arrive_is_stalled_once_it_has_not_moved_for_a_while()
    {
        using var daemon = await DaemonStuckAfter(processed: 2, arriving: 3);

        var first = await _monitor.ObserveAsync(Ct);
        first.Stalled.ShouldBeEmpty("it has only just been seen behind");
        first.Shards.Single().Lag.ShouldBe(3);
        LagGauge().ShouldBe(3);

        _clock.Advance(StallAfter);
        var later = await _monitor.ObserveAsync(Ct);

        later.Stalled.ShouldHaveSingleItem().Name.ShouldBe(PingCounter.Shard);
        var check = await Check();
        check.Status.ShouldBe(HealthStatus.Unhealthy);
        check.Description!.ShouldContain(PingCounter.Shard);
        _projection.Resume();
        await daemon.StopAllAsync();
    }

    [Fact]
    public async Task Catching_up_however_far_behind_is_running()
    {
        using var daemon = await DaemonStuckAfter(processed: 1, arriving: 4);
        await _monitor.ObserveAsync(Ct);
        _clock.Advance(StallAfter / 2);

        _projection.Resume();
        await daemon.Tracker.WaitForShardState(PingCounter.Shard, 5, Patience);
        _clock.Advance(StallAfter);

        (await _monitor.ObserveAsync(Ct)).Stalled.ShouldBeEmpty();
        await daemon.StopAllAsync();
    }

    [Fact]
    public async Task Events_with_no_daemon_at_all_stall_the_high_water_mark()
    {
        await Append(3);

        (await _monitor.ObserveAsync(Ct)).Stalled.ShouldBeEmpty();
        _clock.Advance(StallAfter);
        var report = await _monitor.ObserveAsync(Ct);

        var stalled = report.Stalled.ShouldHaveSingleItem();
        (stalled.Name, stalled.Position, stalled.Target).ShouldBe((ShardProgress.HighWaterMark, 0L, 3L));
    }

    [Fact]
    public async Task Without_asynchronous_projections_there_is_nothing_to_watch()
    {
        await using var inlineOnly = DocumentStore.For(opts => opts.Connection(ConnectionString));
        var monitor = new ProjectionMonitor(inlineOnly, _clock, new PartnershipMetrics(_meters.GetRequiredService<IMeterFactory>()),
            Options.Create(new ProjectionMonitorOptions()));

        (await monitor.ObserveAsync(Ct)).HasAsyncProjections.ShouldBeFalse();
        var check = await new ProjectionsRunningCheck(monitor).CheckHealthAsync(new(), Ct);
        check.Status.ShouldBe(HealthStatus.Healthy);
        check.Description.ShouldBe("No asynchronous projections or subscriptions are configured.");
    }

    [Fact]
    public async Task Nothing_to_do_is_not_stalled()
    {
        await _monitor.ObserveAsync(Ct);
        _clock.Advance(StallAfter * 2);

        var report = await _monitor.ObserveAsync(Ct);

        report.Shards.ShouldHaveSingleItem().Lag.ShouldBe(0);
        report.Stalled.ShouldBeEmpty();
    }

    /// <summary>A running daemon whose projection processed <paramref name="processed"/> events, then hung while more arrived.</summary>
    private async Task<IProjectionDaemon> DaemonStuckAfter(int processed, int arriving)
    {
        var daemon = await _store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await Append(processed);
        await daemon.Tracker.WaitForShardState(PingCounter.Shard, processed, Patience);
        _projection.Hang();
        await Append(arriving);
        await daemon.Tracker.WaitForHighWaterMark(processed + arriving, Patience);
        return daemon;
    }

    private Task<HealthCheckResult> Check() =>
        new ProjectionsRunningCheck(_monitor).CheckHealthAsync(new(), Ct);

    private async Task Append(int count)
    {
        await using var session = _store.LightweightSession();
        session.Events.StartStream(Guid.NewGuid(), Enumerable.Range(0, count).Select(i => (object)new Ping(i)).ToArray());
        await session.SaveChangesAsync(Ct);
    }

    /// <summary>The gauge's current value for the probe's shard, as an exporter would read it.</summary>
    private static long? LagGauge()
    {
        long? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == PartnershipMetrics.ProjectionLag)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "projection", Value: PingCounter.Shard })
                {
                    value = measurement;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    public sealed record Ping(int Number);

    /// <summary>
    /// An asynchronous projection that writes nothing (only its progress matters here) and can be made to hang,
    /// as one stuck on a lock or a slow dependency would.
    /// </summary>
    private sealed class PingCounter : IProjection
    {
        public const string Name = "PingCounter";
        public const string Shard = "PingCounter:All";

        private volatile TaskCompletionSource _open = Opened();

        public void Hang() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Resume() => _open.TrySetResult();

        public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation) =>
            _open.Task.WaitAsync(cancellation);

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
