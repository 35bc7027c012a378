using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;
using PartnershipLifecycle.Webhooks;
using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.Security;

/// <summary>Against a host with the production defaults: rate limits on, webhooks to public addresses only.</summary>
[Collection(SecurityCollection.Name)]
public class HardenedHostTests(SecurityFixture fixture)
{
    private readonly string _tenant = "t-" + Guid.NewGuid().ToString("N")[..12];

    private Caller As(string role, string subject = "tester", string? tenant = null) =>
        new(fixture.Host, SecurityFixture.TokenFor(tenant ?? _tenant, role, subject));

    [Fact]
    public async Task A_name_that_resolves_to_loopback_fails_the_try_and_never_reaches_the_receiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = $"http://receiver.{SecurityFixture.LoopbackDomain}:{new Uri(receiver.Url).Port}/hook";
        var admin = As(Roles.Admin);
        var id = (await admin.Post("/api/admin/webhooks",
            new { url, events = new[] { IntegrationEventTypes.PartnershipLost }, secret = "a-shared-webhook-secret-0123" }, 201)).Json()["id"]!.GetValue<Guid>();

        var coordinator = As(Roles.Coordinator);
        var partner = (await coordinator.Post("/api/partners", new { name = "Rebinding Ltd", sector = "x", channel = "inbound" }, 201))
            .Json()["partnerId"]!.GetValue<Guid>();
        await fixture.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected()
            .WaitForCondition(new MessageFinished<DeliverWebhook>())
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) =>
                coordinator.Post($"/api/partners/{partner}/lost", new { reason = "other", occurredOn = DateOnly.FromDateTime(DateTime.UtcNow) }, 200));

        receiver.All.ShouldBeEmpty();
        var delivery = (await admin.Get($"/api/admin/webhooks/{id}/deliveries")).Json()["items"]!.AsArray().ShouldHaveSingleItem()!;
        delivery["status"]!.GetValue<string>().ShouldBe("dead_lettered");
        delivery["lastStatusCode"].ShouldBeNull();
        delivery["lastError"]!.GetValue<string>().ShouldContain("127.0.0.1");
        delivery["lastError"]!.GetValue<string>().ShouldContain("not a public address");
    }

    [Fact]
    public async Task Commands_beyond_the_limit_are_429_with_retry_after_per_caller()
    {
        var ann = As(Roles.Coordinator, "ann");
        for (var i = 0; i < SecurityFixture.CommandsPerMinute; i++)
        {
            await ann.Post("/api/partners", "{}", 400); // refused by validation, still counted
        }

        var limited = await ann.Post("/api/partners", new { name = "One Too Many", sector = "x", channel = "inbound" }, 429);
        limited.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        int.Parse(limited.Header("Retry-After")!).ShouldBeInRange(1, 60);
        limited.Json()["status"]!.GetValue<int>().ShouldBe(429);

        await ann.Get("/api/partners"); // reads are not limited
        await As(Roles.Coordinator, "bob").Post("/api/partners", new { name = "Bob's Partner", sector = "x", channel = "inbound" }, 201);
    }

    [Fact]
    public async Task Admin_routes_have_a_stricter_limit()
    {
        var admin = As(Roles.Admin, "root");
        for (var i = 0; i < SecurityFixture.AdminPerMinute; i++)
        {
            await admin.Get("/api/admin/webhooks");
        }

        var limited = await admin.Get("/api/admin/webhooks", 429);
        limited.Header("Retry-After").ShouldNotBeNull();
        SecurityFixture.AdminPerMinute.ShouldBeLessThan(SecurityFixture.CommandsPerMinute);
    }
}
