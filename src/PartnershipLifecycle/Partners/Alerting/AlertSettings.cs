namespace PartnershipLifecycle.Partners.Alerting;

/// <summary><c>Alerts:</c> settings.</summary>
public sealed class AlertSettings
{
    public const string Section = "Alerts";

    /// <summary>An alert still unresolved this long after it was raised is escalated.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(14);
}
