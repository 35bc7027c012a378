using System.Text.Json.Serialization;
using System.Security.Cryptography;
using System.Text;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>Why a partner's people are a risk (docs/domain.md, "Turnover alerts").</summary>
public enum AlertKind
{
    /// <summary>A champion departed and no active champion is left.</summary>
    ChampionDeparted = 1,
    /// <summary>The last active contact departed.</summary>
    NoActiveContact,
    /// <summary>A second departure within 365 days.</summary>
    HighTurnover,
}

public enum AlertStatus
{
    Open = 1,
    Acknowledged,
    Resolved,
}

/// <summary>
/// One turnover alert of a partner. Raised, acknowledged, escalated and resolved by the partner's own
/// events, so replaying the stream always gives the same alerts (same ids included).
/// </summary>
public sealed record TurnoverAlert(
    Guid Id,
    AlertKind Kind,
    AlertStatus Status,
    DateTimeOffset RaisedAt,
    DateOnly RaisedOn,
    Guid RaisedByEventId,
    Guid? ContactId,
    string? ContactName,
    bool Escalated = false,
    DateTimeOffset? EscalatedAt = null,
    DateTimeOffset? AcknowledgedAt = null,
    DateTimeOffset? ResolvedAt = null,
    Guid? ResolvedByEventId = null)
{
    /// <summary>Computed from <see cref="Status"/>, so neither stored nor sent.</summary>
    [JsonIgnore]
    public bool IsUnresolved => Status != AlertStatus.Resolved;

    /// <summary>A stable id: the same raising event always raises the same alert, also in a rebuild.</summary>
    public static Guid IdFor(Guid partnerId, Guid raisingEventId, AlertKind kind)
    {
        var name = Encoding.UTF8.GetBytes($"{partnerId:N}/{raisingEventId:N}/{kind}");
        var hash = SHA256.HashData(name);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom), RFC 9562, in .NET's little-endian layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes);
    }
}
