using Marten;
using Marten.Services;

namespace PartnershipLifecycle.Platform.Telemetry;

/// <summary>
/// Counts every event a Marten session commits, whoever appended it (a command handler, a projection's
/// side effect, a migration), under its stored type name. Registered on the store options, so it sees
/// every session, Wolverine's outboxed ones included.
/// </summary>
public sealed class EventsAppendedListener(PartnershipMetrics metrics) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            metrics.EventAppended(e.EventTypeName);
        }

        return Task.CompletedTask;
    }
}
