namespace PartnershipLifecycle.Automation;

/// <summary><c>Mou:</c> settings.</summary>
public sealed class MouSettings
{
    public const string Section = "Mou";

    /// <summary><c>mou_expiring</c> goes out this long before an MOU ends.</summary>
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromDays(60);

    /// <summary>
    /// An MOU entered (or renewed) with its reminder or end already past is history typed in after the fact: its
    /// reminder and end wait this long after the entry, so that the coordinator can type the rest (the renewal that
    /// followed) before automation acts. Each such entry starts the wait again.
    /// </summary>
    public TimeSpan GraceAfterEntry { get; set; } = TimeSpan.FromDays(1);
}
