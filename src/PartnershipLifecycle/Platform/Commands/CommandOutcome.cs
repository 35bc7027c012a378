namespace PartnershipLifecycle.Platform.Commands;

/// <summary>
/// The answer of a partner command handler, carried back through Wolverine's <c>InvokeAsync</c>:
/// the stream's new version, or the rejection. Also what an <c>Idempotency-Key</c> replays.
/// </summary>
public sealed record CommandOutcome(Guid PartnerId, long Version, Rejection? Rejection = null, bool Created = false)
{
    public static CommandOutcome Rejected(Guid partnerId, Rejection rejection) => new(partnerId, 0, rejection);
}

/// <summary>The body of a command's successful answer.</summary>
public sealed record CommandAccepted(Guid PartnerId, long Version);
