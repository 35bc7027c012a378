using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Events.Daemon.HighWater;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>
/// Wakes Marten's async daemon when events are appended (PostgreSQL LISTEN/NOTIFY), at most once per
/// <see cref="Window"/>. Each wake-up costs a high-water query and a page load and a transaction per read model:
/// woken by every append (Marten's <c>UseListenNotifyForEventAppends</c>), a busy service spent more on those than
/// on the projections themselves. Paced, a burst of appends is taken as one page; after a quiet spell the first
/// append still wakes the daemon at once. Measured in tests/PartnershipLifecycle.Benchmarks (RESULTS.md).
/// </summary>
/// <param name="signal">What ends a wait early (an append's notification).</param>
/// <param name="owned">What this wake-up disposes with itself (the data source of its LISTEN connection).</param>
public sealed class PacedDaemonWakeup(IDaemonWakeup signal, TimeProvider clock, TimeSpan window, IDisposable? owned = null) : IDaemonWakeup
{
    /// <summary>The shortest time between two wake-ups: what a read model may lag behind a busy service by, at most, for it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    private long? _lastWake;

    /// <summary>Listens on Marten's channel through a data source of its own (one connection), paced by <see cref="Window"/>.</summary>
    public static PacedDaemonWakeup Listening(string connectionString, ILogger logger)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new PacedDaemonWakeup(new PostgresqlListenWakeup(dataSource, logger), TimeProvider.System, Window, dataSource);
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        await signal.WaitAsync(timeout, token).ConfigureAwait(false);

        // Appends that arrive while this waits out the rest of the window are taken in the same page.
        if (_lastWake is { } last && clock.GetElapsedTime(last) is var since && since < window)
        {
            await Task.Delay(window - since, clock, token).ConfigureAwait(false);
        }

        _lastWake = clock.GetTimestamp();
    }

    public void Dispose()
    {
        signal.Dispose();
        owned?.Dispose();
    }
}

/// <summary>
/// Sends the notification <see cref="PacedDaemonWakeup"/> listens for with every unit of work that appends events,
/// in its transaction (so it is delivered on commit), on the channel Marten's own option uses; that option is not
/// used because it installs Marten's unpaced wake-up.
/// </summary>
public sealed class NotifyDaemonOfAppends : DocumentSessionListenerBase
{
    // NOTIFY rather than "select pg_notify(...)": a statement in Marten's batch must not return a row (marten#5210).
    internal static readonly string Sql = $"NOTIFY {PostgresqlListenWakeup.DefaultChannel}";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (session.PendingChanges.Streams().Any())
        {
            session.QueueSqlCommand(Sql);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// With several databases (<see cref="InstitutionDatabases"/>) Marten runs one async daemon per database, all given the
/// store's one wake-up. This one listens on every database (one LISTEN connection each) and wakes every waiting daemon
/// when any database announces an append, at most once per <see cref="PacedDaemonWakeup.Window"/> (the pacing of
/// <see cref="PacedDaemonWakeup"/>, applied where the notification arrives since the waiters cannot be told apart). A
/// daemon woken for another database's append reads its high-water mark and waits again: one cheap query.
/// </summary>
public sealed class AnyDatabaseWakeup : IDaemonWakeup
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _window;
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<IDaemonWakeup> _listeners;
    private readonly IReadOnlyList<IDisposable> _owned;
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? _lastPulse;

    /// <param name="listeners">One per database; each returns from <see cref="IDaemonWakeup.WaitAsync"/> when its database was appended to.</param>
    /// <param name="owned">What this wake-up disposes with itself (the data sources of the LISTEN connections).</param>
    public AnyDatabaseWakeup(IReadOnlyList<IDaemonWakeup> listeners, TimeProvider clock, TimeSpan window, IReadOnlyList<IDisposable>? owned = null)
    {
        _listeners = listeners;
        _clock = clock;
        _window = window;
        _owned = owned ?? [];
        foreach (var listener in listeners)
        {
            _ = Task.Run(() => ListenAsync(listener));
        }
    }

    /// <summary>Listens on Marten's channel in each of <paramref name="connectionStrings"/>.</summary>
    public static AnyDatabaseWakeup Listening(IEnumerable<string> connectionStrings, ILogger logger)
    {
        var dataSources = connectionStrings.Select(c => NpgsqlDataSource.Create(c)).ToArray();
        return new AnyDatabaseWakeup([.. dataSources.Select(d => new PostgresqlListenWakeup(d, logger))], TimeProvider.System,
            PacedDaemonWakeup.Window, dataSources);
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        Task next;
        lock (_gate)
        {
            next = _next.Task;
        }

        try
        {
            await next.WaitAsync(timeout, _clock, token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // No append anywhere within the daemon's own polling time: it looks anyway.
        }
    }

    private async Task ListenAsync(IDaemonWakeup listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                // Returns on a notification, or after the timeout (a harmless extra wake-up).
                await listener.WaitAsync(TimeSpan.FromSeconds(30), _stop.Token).ConfigureAwait(false);
                await PulseAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // PostgresqlListenWakeup falls back to waiting out its timeout on its own; anything else: try again shortly.
                await Task.Delay(TimeSpan.FromSeconds(1), _clock, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task PulseAsync()
    {
        TimeSpan wait;
        lock (_gate)
        {
            wait = _lastPulse is { } last && _clock.GetElapsedTime(last) is var since && since < _window ? _window - since : TimeSpan.Zero;
        }

        if (wait > TimeSpan.Zero)
        {
            // Appends that arrive meanwhile are taken in the same page.
            await Task.Delay(wait, _clock, _stop.Token).ConfigureAwait(false);
        }

        TaskCompletionSource pulsed;
        lock (_gate)
        {
            _lastPulse = _clock.GetTimestamp();
            pulsed = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        pulsed.TrySetResult();
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
