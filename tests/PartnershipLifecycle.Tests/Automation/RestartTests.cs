using Microsoft.Extensions.Time.Testing;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Automation;

/// <summary>Deliveries pending when the service stops are delivered when it starts again, each event once.</summary>
[Collection(AutomationCollection.Name)]
public class RestartTests
{
    [Fact]
    public async Task Pending_deliveries_survive_a_restart_and_arrive_once()
    {
        var database = await TestDatabases.CreateAsync("restart");
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext([.. Enumerable.Repeat(500, 100)]);

        var first = await AutomationFixture.StartHostAsync(database, clock, retryDelay: TimeSpan.FromSeconds(2));
        try
        {
            var admin = new Caller(first, TokenFor(tenant, "admin"));
            var coordinator = new Caller(first, TokenFor(tenant, "coordinator"));
            await admin.Post("/api/admin/webhooks", new { url = receiver.Url, events = new[] { IntegrationEventTypes.PartnershipActivated }, secret = AutomationContext.Secret }, 201);

            // Three partners signed: three events on their way, each failing its first try.
            for (var i = 0; i < 3; i++)
            {
                var id = (await coordinator.Post("/api/partners", new { name = $"Restart {i}", sector = "x", channel = "inbound" }, 201)).Json()["partnerId"];
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                await coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hi", occurredOn = today }, 200);
                await coordinator.Post($"/api/partners/{id}/pitches", new { valueProposition = "v", offerings = new[] { "mentorship" }, occurredOn = today }, 200);
                await coordinator.Post($"/api/partners/{id}/mou", Bodies.Mou(today), 200);
            }

            await receiver.WaitFor(_ => receiver.All.Select(a => a.EventId).Distinct().Count() == 3);
        }
        finally
        {
            await first.StopAsync(TestContext.Current.CancellationToken);
            await first.DisposeAsync();
        }

        // Down while the retries were pending; the receiver is well again, and so is the service.
        receiver.AnswerOkFromNowOn();
        receiver.All.ShouldAllBe(r => r.Answered == 500);

        var second = await AutomationFixture.StartHostAsync(database, clock, retryDelay: TimeSpan.FromSeconds(2));
        try
        {
            var ids = receiver.All.Select(r => r.EventId).Distinct().ToArray();
            ids.Length.ShouldBe(3);
            foreach (var id in ids)
            {
                await receiver.WaitFor(r => r.EventId == id && r.Answered == 200, TimeSpan.FromSeconds(60));
            }

            receiver.All.Where(r => r.Answered == 200).GroupBy(r => r.EventId).ShouldAllBe(g => g.Count() == 1);
        }
        finally
        {
            await second.StopAsync(TestContext.Current.CancellationToken);
            await second.DisposeAsync();
            await TestDatabases.DropAsync(database);
        }
    }

    private static string TokenFor(string tenant, string role) =>
        PartnershipLifecycle.Api.Security.DevelopmentTokens.Create(
            new PartnershipLifecycle.Api.Security.AuthSettings { SigningKey = AppFixture.SigningKey }, tenant, [role], "tester", TimeSpan.FromHours(1));
}
