namespace PartnershipLifecycle.Platform.Commands;

/// <summary>
/// The first accepted answer to a command sent with <c>Idempotency-Key</c>, kept per tenant for
/// <see cref="Lifetime"/>; the same key again returns it and writes nothing more.
/// </summary>
public sealed record IdempotentAnswer(string Id, CommandOutcome Outcome, string CommandType, DateTimeOffset RecordedAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const int MaxKeyLength = 200;

    public bool IsExpiredAt(DateTimeOffset now) => now - RecordedAt > Lifetime;
}
