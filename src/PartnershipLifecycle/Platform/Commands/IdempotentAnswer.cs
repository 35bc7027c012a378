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
/// Written in the same transaction as the command's events, so an answer is remembered exactly when it took effect.
/// </summary>
/// <param name="Id">The key.</param>
/// <param name="StreamId">The stream the command was for.</param>
/// <param name="Version">The stream's version after an acceptance (the <c>ETag</c>); 0 for a refusal.</param>
/// <param name="Accepted">The body of an acceptance, as JSON text (kept as text so a replay answers it byte for byte); null for a refusal.</param>
/// <param name="Rejection">The refusal; null for an acceptance.</param>
/// <param name="Location">The <c>Location</c> of a 201 (a stream the command started); null otherwise.</param>
/// <param name="CommandType">The command's name, e.g. <c>DeliverPitch</c>.</param>
/// <param name="RecordedAt">When it was answered (UTC).</param>
/// <param name="Fingerprint">
/// <see cref="FingerprintOf"/> of the request that was answered; null for answers stored before fingerprints
/// were kept (those replay to any request with their key, as they did).
/// </param>
public sealed record IdempotentAnswer(
    string Id,
    Guid StreamId,
    long Version,
    string? Accepted,
    Rejection? Rejection,
    string? Location,
    string CommandType,
    DateTimeOffset RecordedAt,
    string? Fingerprint = null)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The longest key accepted, in characters.</summary>
    public const int MaxKeyLength = 200;

    public bool IsExpiredAt(DateTimeOffset now) => now - RecordedAt > Lifetime;

    /// <summary>Whether this is a whole answer (answers stored by versions before 0.9 kept another shape and count as none).</summary>
    public bool IsComplete => Accepted is not null || Rejection is not null;

    /// <summary>Whether a request with this fingerprint is the request this answer was given to.</summary>
    public bool Answers(string? fingerprint) => Fingerprint is null || Fingerprint == fingerprint;

    /// <summary>
    /// SHA-256 (hex) of the request's method, path (which names the stream), the command's name and its body as the
    /// endpoint bound it (null for a command without a body): the body is compared by meaning, so whitespace and the
    /// order of its fields make no difference.
    /// </summary>
    public static string FingerprintOf(string method, string path, string commandType, object? command)
    {
        var body = command is null ? "" : JsonSerializer.Serialize(command, command.GetType(), PartnershipJson.Options);
        var request = $"{method.ToUpperInvariant()} {path}\n{commandType}\n{body}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)));
    }
}
