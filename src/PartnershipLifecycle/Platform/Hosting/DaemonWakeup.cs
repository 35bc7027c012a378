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
