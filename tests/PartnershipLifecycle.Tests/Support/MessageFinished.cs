using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>
/// A tracked-session condition: a message of type <typeparamref name="T"/> has finished for good, succeeded
/// or moved to the error queue, however many retries that took (a retry alone ends no tracked session wait).
/// </summary>
public sealed class MessageFinished<T>(Func<T, bool>? where = null) : ITrackedCondition
{
    private volatile bool _finished;

    public void Record(EnvelopeRecord record)
    {
        if (record.Message is T message && (where?.Invoke(message) ?? true)
            && record.MessageEventType is MessageEventType.MessageSucceeded or MessageEventType.MovedToErrorQueue)
        {
            _finished = true;
        }
    }

    public bool IsCompleted() => _finished;
}
