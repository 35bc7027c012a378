using JasperFx.Events.Daemon.HighWater;
using Marten.Events.Daemon.HighWater;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>How appends wake the async daemon: a notification per unit of work, wake-ups paced by a window.</summary>
public class DaemonWakeupTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_quiet_spell_an_append_wakes_the_daemon_at_once()
    {
        var clock = new FakeTimeProvider();
        using var wakeup = new PacedDaemonWakeup(new Signalled(), clock, Window);

        await wakeup.WaitAsync(TimeSpan.FromSeconds(1), Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);
        clock.Advance(TimeSpan.FromSeconds(1));

        wakeup.WaitAsync(TimeSpan.FromSeconds(1), Ct).IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task Under_load_wake_ups_are_a_window_apart_so_appends_are_taken_together()
    {
        var clock = new FakeTimeProvider();
        using var wakeup = new PacedDaemonWakeup(new Signalled(), clock, Window);
        await wakeup.WaitAsync(TimeSpan.FromSeconds(1), Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        var next = wakeup.WaitAsync(TimeSpan.FromSeconds(1), Ct);
        clock.Advance(Window - TimeSpan.FromMilliseconds(1));
        next.IsCompleted.ShouldBeFalse();

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task A_command_that_appends_notifies_the_daemon_in_its_transaction()
    {
        ((Marten.StoreOptions)Store.Options).Projections.Wakeup.ShouldBeOfType<PacedDaemonWakeup>();
        var id = await NewPartner();

        await using var listener = new NpgsqlConnection(Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Marten"));
        await listener.OpenAsync(Ct);
        var notified = 0;
        listener.Notification += (_, _) => Interlocked.Increment(ref notified);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresqlListenWakeup.DefaultChannel}", listener))
        {
            await listen.ExecuteNonQueryAsync(Ct);
        }

        await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hello", occurredOn = Today }, 200);

        (await listener.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBeTrue("no notification on the daemon's channel");
        notified.ShouldBeGreaterThan(0);
    }

    /// <summary>A notification is always waiting: the service under load.</summary>
    private sealed class Signalled : IDaemonWakeup
    {
        public Task WaitAsync(TimeSpan timeout, CancellationToken token) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
