using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine.Attributes;

namespace TurnoverAutomation;

public sealed class AutomationSettings
{
    public const string Section = "Automation";

    /// <summary>The follow-up is due this many days after the departure that raised the alert, or after today if that is later.</summary>
    public int FollowUpInDays { get; set; } = 3;

    public string Owner { get; set; } = "turnover-automation";
}

/// <summary>
/// When a partner's champion leaves (<c>turnover_alert_raised</c>), schedule a follow-up for the partner
/// through the HTTP API, so a coordinator meets the partner to name a new champion.
/// </summary>
[WolverineHandler]
public static class ScheduleFollowUpOnTurnover
{
    public const string ApiClient = "partnership-api";

    public static async Task Handle(IntegrationEvent e, IHttpClientFactory clients, IOptions<AutomationSettings> settings,
        TimeProvider clock, ILogger<IntegrationEvent> logger, CancellationToken ct)
    {
        if (e.Type != "turnover_alert_raised")
        {
            return;
        }

        var kind = e.Data.GetProperty("kind").GetString();
        var contact = e.Data.TryGetProperty("contactName", out var name) ? name.GetString() : null;
        var partner = e.Data.GetProperty("partnerName").GetString();
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/partners/{e.PartnerId}/follow-ups")
        {
            Content = JsonContent.Create(new
            {
                // The same event always asks for the same follow-up.
                followUpId = FollowUpIdFor(e.Id),
                dueOn = DueOn(e, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), settings.Value.FollowUpInDays),
                purpose = $"Turnover at {partner}: {kind?.Replace('_', ' ')}{(contact is null ? "" : $" ({contact} left)")}. Meet the partner and name a new champion.",
                owner = settings.Value.Owner,
            }),
        };
        request.Headers.Add("Idempotency-Key", $"turnover-follow-up-{e.Id}");

        using var response = await clients.CreateClient(ApiClient).SendAsync(request, ct);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
        {
            logger.LogInformation("Follow-up scheduled for partner {PartnerId} after {Kind}", e.PartnerId, kind);
            return;
        }

        var problem = await response.Content.ReadAsStringAsync(ct);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            // The partner cannot take a follow-up (lost, or gone): retrying would not change that.
            logger.LogWarning("The API refused a follow-up for partner {PartnerId}: {Status} {Problem}", e.PartnerId, (int)response.StatusCode, problem);
            return;
        }

        throw new HttpRequestException($"The API answered {(int)response.StatusCode}: {problem}");
    }

    /// <summary>
    /// Some days after the departure (<c>raisedOn</c>, the service's business date) or after today, whichever is later:
    /// never before the partner was identified, which the service refuses, even when this consumer's clock is behind.
    /// </summary>
    public static DateOnly DueOn(IntegrationEvent e, DateOnly today, int days)
    {
        var raisedOn = e.Data.TryGetProperty("raisedOn", out var value) && DateOnly.TryParse(value.GetString(), out var on) ? on : today;
        return (raisedOn > today ? raisedOn : today).AddDays(days);
    }

    public static Guid FollowUpIdFor(Guid eventId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"turnover-follow-up/{eventId}")).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
