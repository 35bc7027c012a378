namespace PartnershipLifecycle.Partners.Alerting;

public enum AlertChange
{
    Raised = 1,
    Escalated,
    Resolved,
}

/// <summary>Published by the alerts projection for automation to act on (integration events, escalation, health).</summary>
public sealed record TurnoverAlertChanged(string TenantId, Guid PartnerId, string PartnerName, TurnoverAlert Alert, AlertChange Change, DateTimeOffset At);
