using JasperFx.Events;
using Marten.Events.Aggregation;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.WinningBack;

namespace PartnershipLifecycle.Alerts;

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

    private static EventStamp Stamp(IEvent e) => new(e.Id, e.Timestamp);
}
