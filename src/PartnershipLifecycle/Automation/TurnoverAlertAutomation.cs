using Microsoft.Extensions.Options;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Telemetry;
using Wolverine;
using Wolverine.Attributes;

namespace PartnershipLifecycle.Automation;

/// <summary>What follows an alert's change: its integration event, the escalation check, and a health re-score.</summary>
[WolverineHandler]
public static class TurnoverAlertAutomation
{
    public static OutgoingMessages Handle(TurnoverAlertChanged changed, IOptions<AlertSettings> settings, PartnershipMetrics metrics)
    {
        var alert = changed.Alert;
        var data = TurnoverAlertNotice.Of(changed.Change, alert, changed.PartnerName);

        var messages = new OutgoingMessages
        {
            IntegrationEvent.Of(data, changed.TenantId, changed.PartnerId, changed.At, cause: alert.Id.ToString()),
            new RescorePartnerHealth(changed.PartnerId),
        };

        if (changed.Change == AlertChange.Raised)
        {
            metrics.AlertRaised(alert.Kind.ToWire());
            messages.Add(new CheckTurnoverAlertEscalation(changed.PartnerId, alert.Id).DelayedFor(settings.Value.EscalateAfter));
        }

        return messages;
    }
}
