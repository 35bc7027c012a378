using System.Text.Json.Serialization;
using System.Collections.Immutable;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.ManagingContacts;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>Which event caused a change, and when it was recorded.</summary>
public readonly record struct EventStamp(Guid EventId, DateTimeOffset RecordedAt);

/// <summary>A contact as turnover sees it; <see cref="RoleSince"/> is the business date its role was given.</summary>
public sealed record TrackedContact(Guid ContactId, string Name, ContactRole Role, bool Active, DateOnly? RoleSince = null);

/// <summary>
/// A partner's people seen for turnover: who is active, when people left, and the alerts that follow.
/// Every method is a pure <c>(state, event) -> state</c> step holding the alert rules of docs/domain.md.
/// </summary>
public sealed record PartnerTurnover
{
    /// <summary>Two departures this close together (by business date) are high turnover.</summary>
    public const int HighTurnoverWindowDays = 365;

    public Guid Id { get; init; }

    /// <summary>The partner stream version these alerts have seen; set by Marten.</summary>
    public long Version { get; init; }

    public string PartnerName { get; init; } = "";
    public bool Lost { get; init; }
    public ImmutableArray<TrackedContact> Contacts { get; init; } = [];
    public ImmutableArray<DateOnly> Departures { get; init; } = [];
    public ImmutableArray<TurnoverAlert> Alerts { get; init; } = [];

    /// <summary>
    /// How many alerts the partner has raised, of any status: stored with the document and duplicated into the column
    /// <c>alert_count</c>, from which <c>GET /api/alerts</c> counts its <c>total</c> without reading the alerts.
    /// Null in the column of a document stored before it existed (until its partner's next event, or a rebuild).
    /// </summary>
    public int AlertCount => Alerts.IsDefault ? 0 : Alerts.Length;

    /// <summary>
    /// When the newest alert was raised (UTC; null: none yet): duplicated into <c>latest_alert_raised_at</c>, whose
    /// index gives <c>GET /api/alerts</c> the few documents that can hold a page of the newest alerts.
    /// </summary>
    public DateTimeOffset? LatestAlertRaisedAt => Alerts.IsDefaultOrEmpty ? null : Alerts.Max(a => a.RaisedAt);

    /// <summary>
    /// How many of the alerts are open: duplicated into <c>open_alert_count</c>, whose tenant-first index gives
    /// <c>GET /api/alerts?status=open</c> (and Today) the institution's documents holding an open alert. Null in the
    /// column of a document stored before it existed (until its partner's next event, or a rebuild).
    /// </summary>
    public int OpenAlertCount => Count(AlertStatus.Open);

    /// <summary>
    /// How many of the alerts are acknowledged: duplicated into <c>acknowledged_alert_count</c>, as
    /// <see cref="OpenAlertCount"/>. The resolved ones are the rest of <see cref="AlertCount"/>.
    /// </summary>
    public int AcknowledgedAlertCount => Count(AlertStatus.Acknowledged);

    /// <summary>Computed from <see cref="Alerts"/>, so not stored: a query filters on the alerts' status.</summary>
    [JsonIgnore]
    public IEnumerable<TurnoverAlert> UnresolvedAlerts => Alerts.Where(a => a.IsUnresolved);

    public TurnoverAlert? FindAlert(Guid alertId) => Alerts.FirstOrDefault(a => a.Id == alertId);

    private int Count(AlertStatus status) => Alerts.IsDefault ? 0 : Alerts.Count(a => a.Status == status);

    public static PartnerTurnover For(Guid partnerId, string partnerName) => new() { Id = partnerId, PartnerName = partnerName };

    public PartnerTurnover ContactAdded(ContactAdded e, EventStamp stamp)
    {
        var next = this with { Contacts = Contacts.Add(new TrackedContact(e.ContactId, e.Name, e.Role, Active: true, e.OccurredOn)) };
        next = next.Resolve(AlertKind.NoActiveContact, stamp);
        return e.Role == ContactRole.Champion ? next.ChampionNamed(stamp) : next;
    }

    /// <summary>A role change dated before the contact's current role was given is history: the role stays.</summary>
    public PartnerTurnover RoleChanged(ContactRoleChanged e, EventStamp stamp)
    {
        if (Contacts.FirstOrDefault(c => c.ContactId == e.ContactId) is { RoleSince: { } since } && since > e.OccurredOn)
        {
            return this;
        }

        var next = this with { Contacts = Contacts.Select(c => c.ContactId == e.ContactId ? c with { Role = e.Role, RoleSince = e.OccurredOn } : c).ToImmutableArray() };
        return e.Role == ContactRole.Champion && next.Contacts.Any(c => c.ContactId == e.ContactId && c.Active)
            ? next.ChampionNamed(stamp)
            : next;
    }

    public PartnerTurnover Departed(ContactDeparted e, EventStamp stamp)
    {
        var leaving = Contacts.FirstOrDefault(c => c.ContactId == e.ContactId);
        var next = this with
        {
            Contacts = Contacts.Select(c => c.ContactId == e.ContactId ? c with { Active = false } : c).ToImmutableArray(),
            Departures = Departures.Add(e.OccurredOn),
        };

        if (Lost)
        {
            return next; // a partner already lost raises no alerts
        }

        var noChampionLeft = !next.Contacts.Any(c => c.Active && c.Role == ContactRole.Champion);
        if (e.Role == ContactRole.Champion && noChampionLeft)
        {
            next = next.Raise(AlertKind.ChampionDeparted, e, leaving, stamp);
        }

        if (!next.Contacts.Any(c => c.Active))
        {
            next = next.Raise(AlertKind.NoActiveContact, e, leaving, stamp);
        }

        var earlierWithinWindow = Departures.Any(d => Math.Abs(d.DayNumber - e.OccurredOn.DayNumber) <= HighTurnoverWindowDays);
        return earlierWithinWindow ? next.Raise(AlertKind.HighTurnover, e, leaving, stamp) : next;
    }

    /// <summary>A partner marked lost resolves its open alerts.</summary>
    public PartnerTurnover PartnershipLost(EventStamp stamp) =>
        Enum.GetValues<AlertKind>().Aggregate(this with { Lost = true }, (state, kind) => state.Resolve(kind, stamp));

    public PartnerTurnover PartnershipReactivated() => this with { Lost = false };

    public PartnerTurnover Acknowledged(Guid alertId, EventStamp stamp) =>
        Change(alertId, a => a.Status == AlertStatus.Open ? a with { Status = AlertStatus.Acknowledged, AcknowledgedAt = stamp.RecordedAt } : a);

    public PartnerTurnover Escalated(Guid alertId, EventStamp stamp) =>
        Change(alertId, a => a.IsUnresolved && !a.Escalated ? a with { Escalated = true, EscalatedAt = stamp.RecordedAt } : a);

    // A new champion ends both "champion departed" and "high turnover".
    private PartnerTurnover ChampionNamed(EventStamp stamp) =>
        Resolve(AlertKind.ChampionDeparted, stamp).Resolve(AlertKind.HighTurnover, stamp);

    /// <summary>At most one unresolved alert per kind: raising again while one is unresolved changes nothing.</summary>
    private PartnerTurnover Raise(AlertKind kind, ContactDeparted departure, TrackedContact? contact, EventStamp stamp) =>
        UnresolvedAlerts.Any(a => a.Kind == kind)
            ? this
            : this with
            {
                Alerts = Alerts.Add(new TurnoverAlert(TurnoverAlert.IdFor(Id, stamp.EventId, kind), kind, AlertStatus.Open,
                    stamp.RecordedAt, departure.OccurredOn, stamp.EventId, departure.ContactId, contact?.Name)),
            };

    private PartnerTurnover Resolve(AlertKind kind, EventStamp stamp) => this with
    {
        Alerts = Alerts.Select(a => a.Kind == kind && a.IsUnresolved
            ? a with { Status = AlertStatus.Resolved, ResolvedAt = stamp.RecordedAt, ResolvedByEventId = stamp.EventId }
            : a).ToImmutableArray(),
    };

    private PartnerTurnover Change(Guid alertId, Func<TurnoverAlert, TurnoverAlert> change) => this with
    {
        Alerts = Alerts.Select(a => a.Id == alertId ? change(a) : a).ToImmutableArray(),
    };
}
