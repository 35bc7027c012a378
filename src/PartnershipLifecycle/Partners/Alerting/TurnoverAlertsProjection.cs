using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.WinningBack;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>
/// Turnover alerts, one <see cref="PartnerTurnover"/> document per partner, kept by Marten's async daemon
/// (a command's answer does not wait on it; it follows within a second).
/// </summary>
public partial class TurnoverAlertsProjection : SingleStreamProjection<PartnerTurnover, Guid>
{
    public PartnerTurnover Create(IEvent<ProspectIdentified> e) => PartnerTurnover.For(e.StreamId, e.Data.Name);

    public PartnerTurnover Apply(IEvent<ContactAdded> e, PartnerTurnover state) => state.ContactAdded(e.Data, Stamp(e));

    public PartnerTurnover Apply(IEvent<ContactRoleChanged> e, PartnerTurnover state) => state.RoleChanged(e.Data, Stamp(e));

    public PartnerTurnover Apply(IEvent<ContactDeparted> e, PartnerTurnover state) => state.Departed(e.Data, Stamp(e));

    public PartnerTurnover Apply(IEvent<PartnershipLost> e, PartnerTurnover state) => state.PartnershipLost(Stamp(e));

    public PartnerTurnover Apply(PartnershipReactivated e, PartnerTurnover state) => state.PartnershipReactivated();

    public PartnerTurnover Apply(IEvent<TurnoverAlertAcknowledged> e, PartnerTurnover state) => state.Acknowledged(e.Data.AlertId, Stamp(e));

    public PartnerTurnover Apply(IEvent<TurnoverAlertEscalated> e, PartnerTurnover state) => state.Escalated(e.Data.AlertId, Stamp(e));

    /// <summary>
    /// Each alert raised, escalated or resolved by this slice's events goes to Wolverine, in the same
    /// transaction as the alerts themselves (never during a rebuild).
    /// </summary>
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<PartnerTurnover> slice)
    {
        if (slice.Snapshot is not { } turnover)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var e in slice.Events())
        {
            foreach (var alert in turnover.Alerts)
            {
                var change = alert.RaisedByEventId == e.Id ? AlertChange.Raised
                    : alert.ResolvedByEventId == e.Id ? AlertChange.Resolved
                    : e.Data is TurnoverAlertEscalated escalated && escalated.AlertId == alert.Id ? AlertChange.Escalated
                    : (AlertChange?)null;
                if (change is { } happened)
                {
                    slice.PublishMessage(new TurnoverAlertChanged(slice.TenantId, turnover.Id, turnover.PartnerName, alert, happened, e.Timestamp),
                        new MessageMetadata(slice.TenantId));
                }
            }
        }

        return ValueTask.CompletedTask;
    }
    private static EventStamp Stamp(IEvent e) => new(e.Id, e.Timestamp);
}
