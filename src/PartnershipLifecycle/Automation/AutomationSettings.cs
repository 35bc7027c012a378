namespace PartnershipLifecycle.Automation;

/// <summary><c>Alerts:</c> settings.</summary>
public sealed class AlertSettings
{
    public const string Section = "Alerts";

    /// <summary>An alert still unresolved this long after it was raised is escalated.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromDays(14);
}

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

/// <summary><c>Webhooks:</c> settings.</summary>
public sealed class WebhookSettings
{
    public const string Section = "Webhooks";

    private static readonly TimeSpan[] DefaultRetryDelays =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5)];

    /// <summary>
    /// Waits between tries; unset, 5 tries over about 10 minutes, then the delivery is dead-lettered.
    /// No initial value here: configuration binding appends to an array it finds instead of replacing it.
    /// </summary>
    public TimeSpan[]? RetryDelays { get; set; }

    /// <summary>A receiver slower than this has failed the try.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether webhooks may reach loopback, private, link-local and other non-public addresses
    /// (<see cref="Webhooks.WebhookAddresses"/>). False by default; tests and a developer's machine may set it.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>After a secret is rotated, deliveries carry the old secret's signature too for this long.</summary>
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan[] Delays => RetryDelays is { Length: > 0 } configured ? configured : DefaultRetryDelays;

    public int MaxAttempts => Delays.Length + 1;
}

/// <summary>The actor recorded on events that automation appends.</summary>
public static class Actors
{
    public const string Automation = "system:automation";
}
