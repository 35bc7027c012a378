using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Platform.Commands;

/// <summary>
/// The first answer to a command sent with <c>Idempotency-Key</c> (an acceptance or a refusal, 4xx), kept per
/// tenant for <see cref="Lifetime"/>; the same key with the same request again returns it and writes nothing
/// more, and the same key with a different request is refused (422). After <see cref="Lifetime"/> the key may
/// be used afresh. Follows the IETF draft "The Idempotency-Key HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header).
/// </summary>
/// <param name="Fingerprint">
/// <see cref="FingerprintOf"/> of the request that was answered; null for answers stored before fingerprints
/// were kept (those replay to any request with their key, as they did).
/// </param>
public sealed record IdempotentAnswer(string Id, CommandOutcome Outcome, string CommandType, DateTimeOffset RecordedAt, string? Fingerprint = null)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const int MaxKeyLength = 200;

    public bool IsExpiredAt(DateTimeOffset now) => now - RecordedAt > Lifetime;

    /// <summary>Whether a request with this fingerprint is the request this answer was given to.</summary>
    public bool Answers(string? fingerprint) => Fingerprint is null || Fingerprint == fingerprint;

    /// <summary>
    /// SHA-256 (hex) of the request's method, path (which names the partner) and body as the command bound it:
    /// the body is compared by meaning, so whitespace and the order of its fields make no difference.
    /// </summary>
    public static string FingerprintOf(string method, string path, PartnerCommand command)
    {
        var body = JsonSerializer.Serialize(command, command.GetType(), PartnershipJson.Options);
        var request = $"{method.ToUpperInvariant()} {path}\n{command.GetType().Name}\n{body}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)));
    }
}
