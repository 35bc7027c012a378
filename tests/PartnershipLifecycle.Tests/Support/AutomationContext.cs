using Alba;
using Marten;
using Marten.Events;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>A test of automation: webhooks, escalation, MOU expiry, health watch. Its own tenant, as for the others.</summary>
[Collection(AutomationCollection.Name)]
public abstract class AutomationContext(AutomationFixture fixture)
{
    public const string Secret = "a-shared-webhook-secret-0123";

    protected AutomationFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;
    protected IDocumentStore Store => Fixture.Store;
    protected string Tenant { get; } = "t-" + Guid.NewGuid().ToString("N")[..12];
    protected DateOnly Today => Fixture.Clock.Today();

    protected Caller As(string role, string? tenant = null) => new(Host, Fixture.TokenFor(tenant ?? Tenant, role));
    protected Caller Coordinator => As(Roles.Coordinator);
    protected Caller Admin => As(Roles.Admin);

    protected Task ProjectionsCaughtUp() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    /// <summary>A receiver registered as this tenant's webhook for <paramref name="events"/>.</summary>
    protected async Task<(WebhookReceiver Receiver, Guid WebhookId)> Webhook(params string[] events)
    {
        var receiver = await WebhookReceiver.StartAsync();
        var created = await Admin.Post("/api/admin/webhooks", new { url = receiver.Url, events, secret = Secret }, 201);
        return (receiver, created.Json()["id"]!.GetValue<Guid>());
    }

    protected async Task<Guid> NewPartner(string name = "Automated Partner")
    {
        var created = await Coordinator.Post("/api/partners", new { name = $"{name} {Guid.NewGuid():N}"[..40], sector = "x", channel = "inbound" }, 201);
        return created.Json()["partnerId"]!.GetValue<Guid>();
    }

    protected Task Do(Guid partner, string route, object? body, int status = 200) => Coordinator.Post($"/api/partners/{partner}/{route}", body, status);

    protected async Task<Guid> AddContact(Guid partner, string name, string role)
    {
        var added = await Coordinator.Post($"/api/partners/{partner}/contacts", new { name, role, occurredOn = Today }, 200);
        return added.Json()["contactId"]!.GetValue<Guid>();
    }

    protected async Task<Guid> ActivePartner(DateOnly? endsOn = null)
    {
        var id = await NewPartner();
        await Do(id, "outreach", new { channel = "email", summary = "hi", occurredOn = Today });
        await Do(id, "pitches", new { valueProposition = "v", offerings = new[] { "mentorship" }, occurredOn = Today });
        await Do(id, "mou", new
        {
            signedOn = Today, startsOn = Today, endsOn = endsOn ?? Today.AddYears(1),
            commitments = new { placementsPerYear = 4, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        });
        return id;
    }
}
