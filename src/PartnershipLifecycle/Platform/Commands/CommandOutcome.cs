using System.Text.Json.Serialization;

namespace PartnershipLifecycle.Platform.Commands;

/// <summary>
/// The answer of a partner command handler, carried back through Wolverine's <c>InvokeAsync</c>:
/// the stream's new version, or the rejection. Also what an <c>Idempotency-Key</c> replays.
/// </summary>
public sealed record CommandOutcome(
    Guid PartnerId,
    long Version,
    Rejection? Rejection = null,
    bool Created = false,
    Guid? ContactId = null,
    Guid? FollowUpId = null)
{
    public static CommandOutcome Rejected(Guid partnerId, Rejection rejection) => new(partnerId, 0, rejection);
}

/// <summary>
/// The body of a command's successful answer: the partner's new version, and the id of the contact or
/// follow-up the command created, when it created one.
/// </summary>
public sealed record CommandAccepted(
    Guid PartnerId,
    long Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ContactId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? FollowUpId = null);
