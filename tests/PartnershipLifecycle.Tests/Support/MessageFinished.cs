using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>
/// A tracked-session condition: a message of type <typeparamref name="T"/> has finished for good, succeeded
/// or moved to the error queue, however many retries that took (a retry alone ends no tracked session wait). With
/// <c>tenantId</c>, only a message of that tenant: the host is shared, and another test's message of the same type
/// finishing first would end the wait before this test's own message was handled.
/// </summary>
public sealed class MessageFinished<T>(Func<T, bool>? where = null, string? tenantId = null) : ITrackedCondition
{
    private volatile bool _finished;

    public void Record(EnvelopeRecord record)
    {
        if (record.Message is T message && (where?.Invoke(message) ?? true)
            && (tenantId is null || record.Envelope?.TenantId == tenantId)
            && record.MessageEventType is MessageEventType.MessageSucceeded or MessageEventType.MovedToErrorQueue)
        {
            _finished = true;
        }
    }

    public bool IsCompleted() => _finished;
}
