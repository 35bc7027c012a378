namespace PartnershipLifecycle.Webhooks;

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
    /// (<see cref="WebhookAddresses"/>). False by default; tests and a developer's machine may set it.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>After a secret is rotated, deliveries carry the old secret's signature too for this long.</summary>
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan[] Delays => RetryDelays is { Length: > 0 } configured ? configured : DefaultRetryDelays;

    public int MaxAttempts => Delays.Length + 1;
}
