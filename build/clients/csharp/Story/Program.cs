// Usage: Story <base-url> <token with the coordinator and analyst roles>
// A partner's life through the NSwag client generated from the service's own /openapi/v1.json, used as generated:
// create, outreach, contact added, pitch, MOU, the champion's departure (with If-Match), the turnover alert it raises
// acknowledged, the history, and the funnel report as JSON and as CSV. Exits non-zero at the first surprise.
using System.Net.Http.Headers;
using PartnershipLifecycle.Client;

var baseUrl = args[0].TrimEnd('/') + "/";
using var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", args[1]);
// The document's server is relative ("/"): the client is told where the service is.
var client = new PartnershipClient(http) { BaseUrl = baseUrl };

// Business dates may not be in the future in the institution's time zone: yesterday (UTC) is safe everywhere.
var day = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);

var created = await client.CreatePartnerAsync(Guid.NewGuid().ToString(), new IdentifyProspect
{
    Name = "Harbour VR Studio " + Guid.NewGuid().ToString("N")[..8],
    Sector = "creative_technology",
    Channel = RecruitmentChannel.Alumni_network,
    Motivations = [Motivation.Attract_talent],
    OccurredOn = day,
});
var id = created.PartnerId;
Step($"created partner {id} (version {created.Version})");

await client.LogOutreachAsync(id, null, null, new LogOutreach { Channel = OutreachChannel.Email, Summary = "Intro from our alumna", OccurredOn = day });
var contact = await client.AddContactAsync(id, null, null, new AddContact { Name = "Chloe Chan", Role = ContactRole.Champion, OccurredOn = day });
var contactId = contact.ContactId ?? throw new InvalidOperationException("Adding a contact answered no contactId.");
await client.DeliverPitchAsync(id, null, null, new DeliverPitch
{
    ValueProposition = "XR talent pipeline",
    Offerings = [Offering.Work_placement, Offering.Mentorship],
    OccurredOn = day,
});
var signed = await client.SignMouAsync(id, null, null, new SignMou
{
    SignedOn = day,
    StartsOn = day,
    EndsOn = day.AddYears(1),
    Commitments = new Commitments { PlacementsPerYear = 6, Mentors = 2, GuestSessionsPerYear = 3, AdvisoryBoardSeat = false },
    PartnerResponsibilities = ["host placements"],
    InstitutionResponsibilities = ["prepare students"],
});
var partner = await client.GetPartnerAsync(id, null, null);
Check(partner.Stage == Stage.Active, $"stage after the MOU is {partner.Stage}, not active");
Step($"outreach, contact {contactId}, pitch and MOU: stage {partner.Stage}, version {signed.Version}");

// If-Match with the version the last answer gave: applied, because nothing moved in between.
await client.RecordContactDepartureAsync(id, contactId, $"\"{signed.Version}\"", null,
    new RecordContactDeparture { OccurredOn = day, MovedTo = "Northwind Games" });
Step("the champion departed");

// The alert is raised by the service's automation after the departure: wait for it (bounded).
AlertView alert = null;
for (var tries = 0; tries < 150 && alert is null; tries++)
{
    alert = (await client.ListTurnoverAlertsAsync(AlertStatus.Open, null, null, 200)).Items.FirstOrDefault(a => a.PartnerId == id);
    if (alert is null)
    {
        await Task.Delay(200);
    }
}

Check(alert is not null, "no open turnover alert for the partner within 30 s of the champion's departure");
await client.AcknowledgeTurnoverAlertAsync(alert!.Id, null, null);
Step($"turnover alert {alert.Id} ({alert.Kind}) acknowledged");

var history = await client.GetPartnerHistoryAsync(id);
var types = history.Events.Select(e => e.Type).ToArray();
foreach (var expected in new[] { "prospect_identified", "outreach_logged", "contact_added", "pitch_delivered", "mou_signed", "contact_departed", "turnover_alert_acknowledged" })
{
    Check(types.Contains(expected), $"the history has no {expected}: {string.Join(", ", types)}");
}

Step($"history: {types.Length} events");

var funnel = await client.GetFunnelAsync(null, null);
Check(funnel.Stages.Count > 0, "the funnel has no stages");
// NSwag picks application/json when an operation offers JSON and CSV, so the CSV variant of the same operation is
// asked for with the Accept header the document lists for it.
using var csvRequest = new HttpRequestMessage(HttpMethod.Get, baseUrl + "api/analytics/funnel");
csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
using var csv = await http.SendAsync(csvRequest);
var csvText = await csv.Content.ReadAsStringAsync();
Check(csv.IsSuccessStatusCode && csv.Content.Headers.ContentType?.MediaType == "text/csv", $"the funnel as CSV answered {(int)csv.StatusCode} {csv.Content.Headers.ContentType}");
Step($"funnel: {funnel.Stages.Count} stages as JSON, {csvText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length} CSV lines");
Console.WriteLine("C# client story: passed");
return 0;

static void Step(string what) => Console.WriteLine("  " + what);

static void Check(bool condition, string failure)
{
    if (!condition)
    {
        Console.Error.WriteLine("C# client story failed: " + failure);
        Environment.Exit(1);
    }
}
