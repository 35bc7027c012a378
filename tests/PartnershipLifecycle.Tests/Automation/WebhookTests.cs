using System.Security.Cryptography;
using System.Text;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Tests.Support;
using PartnershipLifecycle.Webhooks;
using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.Automation;

/// <summary>Integration events reach the tenant's webhooks, signed, retried, and recorded.</summary>
public class WebhookTests(AutomationFixture fixture) : AutomationContext(fixture)
{
    private static string Hmac(string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task A_departing_champion_reaches_the_webhook_signed()
    {
        var (receiver, _) = await Webhook(IntegrationEventTypes.TurnoverAlertRaised);
        await using var _ = receiver;
        var partner = await NewPartner("Signed Studio");
        var chloe = await AddContact(partner, "Chloe Chan", "champion");
        await AddContact(partner, "Max", "mentor");

        await Do(partner, $"contacts/{chloe}/departed", new { occurredOn = Today });

        var got = await receiver.WaitForType(IntegrationEventTypes.TurnoverAlertRaised);
        got.Signature.ShouldBe(Hmac(got.Body));
        var e = got.Json;
        e["id"]!.GetValue<Guid>().ToString().ShouldBe(got.EventId);
        e["type"]!.GetValue<string>().ShouldBe("turnover_alert_raised");
        e["tenantId"]!.GetValue<string>().ShouldBe(Tenant);
        e["partnerId"]!.GetValue<Guid>().ShouldBe(partner);
        e["occurredAt"].ShouldNotBeNull();
        e["data"]!["kind"]!.GetValue<string>().ShouldBe("champion_departed");
        e["data"]!["contactName"]!.GetValue<string>().ShouldBe("Chloe Chan");
        e["data"]!["partnerName"]!.GetValue<string>().ShouldStartWith("Signed Studio");
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_and_every_try_is_recorded()
    {
        var (receiver, webhookId) = await Webhook(IntegrationEventTypes.PartnershipActivated);
        await using var _ = receiver;
        receiver.AnswerNext(500, 500);

        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected()
            .WaitForCondition(new MessageFinished<DeliverWebhook>(tenantId: Tenant))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) => ActivePartner());

        receiver.All.Select(r => r.Answered).ShouldBe([500, 500, 200]);
        receiver.All.Select(r => r.EventId).Distinct().Count().ShouldBe(1);
        var delivery = (await Admin.Get($"/api/admin/webhooks/{webhookId}/deliveries")).Json()["items"]!.AsArray().ShouldHaveSingleItem()!;
        delivery["status"]!.GetValue<string>().ShouldBe("succeeded");
        delivery["attempts"]!.GetValue<int>().ShouldBe(3);
        delivery["attemptLog"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()).ShouldBe([500, 500, 200]);
        delivery["attemptLog"]![0]!["error"]!.GetValue<string>().ShouldBe("HTTP 500");
        delivery["deliveredAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_redirect_is_a_failed_try_and_is_not_followed()
    {
        var (receiver, webhookId) = await Webhook(IntegrationEventTypes.PartnershipActivated);
        await using var _ = receiver;
        receiver.AnswerNext(302);

        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected()
            .WaitForCondition(new MessageFinished<DeliverWebhook>(tenantId: Tenant))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) => ActivePartner());

        receiver.All.Select(r => r.Answered).ShouldBe([302, 200]);
        receiver.RedirectsFollowed.ShouldBe(0);
        var delivery = (await Admin.Get($"/api/admin/webhooks/{webhookId}/deliveries")).Json()["items"]!.AsArray().ShouldHaveSingleItem()!;
        delivery["attemptLog"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()).ShouldBe([302, 200]);
        delivery["attemptLog"]![0]!["error"]!.GetValue<string>().ShouldStartWith("HTTP 302");
    }

    [Fact]
    public void A_failed_try_records_the_real_cause()
    {
        var failure = new HttpRequestException("An error occurred while sending the request.",
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        var cause = DeliverWebhookHandler.CauseOf(failure);

        cause.ShouldContain(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused).Message);
        cause.ShouldContain("An error occurred while sending the request.");
    }

    [Fact]
    public async Task After_five_failed_tries_the_delivery_is_dead_lettered()
    {
        var (receiver, webhookId) = await Webhook(IntegrationEventTypes.PartnershipLost);
        await using var _ = receiver;
        receiver.AnswerNext(503, 503, 503, 503, 503, 503);
        var partner = await NewPartner();

        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected()
            .WaitForCondition(new MessageFinished<DeliverWebhook>(tenantId: Tenant))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) => Do(partner, "lost", new { reason = "other", occurredOn = Today }));

        var delivery = (await Admin.Get($"/api/admin/webhooks/{webhookId}/deliveries")).Json()["items"]!.AsArray().ShouldHaveSingleItem()!;
        delivery["status"]!.GetValue<string>().ShouldBe("dead_lettered");
        delivery["attempts"]!.GetValue<int>().ShouldBe(5);
        delivery["lastStatusCode"]!.GetValue<int>().ShouldBe(503);
    }

    [Fact]
    public async Task Tries_recorded_just_before_a_crash_are_not_counted_again_and_the_last_try_is_dead_lettered()
    {
        var (receiver, webhookId) = await Webhook(IntegrationEventTypes.PartnershipLost);
        await using var _ = receiver;
        receiver.AnswerNext(503, 503, 503, 503, 503, 503);
        // What a crash between tries leaves: the delivery recorded tries 1 and 2, but Wolverine's inbox holds the
        // message as never tried (its count of tries is the one that survives).
        var now = Fixture.Clock.GetUtcNow();
        var delivery = new WebhookDelivery(Guid.NewGuid(), webhookId, Guid.NewGuid(), IntegrationEventTypes.PartnershipLost, "{}", now, DeliveryStatus.Retrying)
        {
            Attempts = [new DeliveryAttempt(1, now, 503, "HTTP 503", 1), new DeliveryAttempt(2, now, 503, "HTTP 503", 1)],
        };
        await using (var session = Store.LightweightSession(Tenant))
        {
            session.Store(delivery);
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected()
            .WaitForCondition(new MessageFinished<DeliverWebhook>(m => m.DeliveryId == delivery.Id))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext context) =>
                context.SendAsync(new DeliverWebhook(delivery.Id), new Wolverine.DeliveryOptions { TenantId = Tenant }).AsTask());

        // Only this delivery's message: the host is shared with other tests, whose messages the session sees too.
        tracked.MovedToErrorQueue.MessagesOf<DeliverWebhook>().Count(m => m.DeliveryId == delivery.Id).ShouldBe(1);
        receiver.All.Count.ShouldBe(5);
        var shown = (await Admin.Get($"/api/admin/webhooks/{webhookId}/deliveries")).Json()["items"]!.AsArray()
            .Single(d => d!["id"]!.GetValue<Guid>() == delivery.Id)!;
        shown["status"]!.GetValue<string>().ShouldBe("dead_lettered");
        shown["attempts"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public async Task An_mou_whose_end_cannot_be_scheduled_is_announced_all_the_same()
    {
        // A clock that fails when the schedule asks it the time: the scheduling after the announcement throws.
        var calendar = new PartnershipLifecycle.Platform.Time.InstitutionCalendar(new FailingClock(),
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var partnerId = Guid.NewGuid();
        var signed = new PartnershipLifecycle.Partners.Agreeing.MouSigned(Today, Today, Today.AddYears(1),
            new PartnershipLifecycle.Partners.Agreeing.Commitments(1, 1, 1, false), [], []);
        var e = new JasperFx.Events.Event<PartnershipLifecycle.Partners.Agreeing.MouSigned>(signed) { StreamId = partnerId, TenantId = Tenant, Id = Guid.NewGuid() };
        await using var session = Store.LightweightSession(Tenant);

        var messages = await PartnerEventAutomation.Handle(e, session, calendar,
            Microsoft.Extensions.Options.Options.Create(new MouSettings()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            TestContext.Current.CancellationToken);

        messages.OfType<IntegrationEvent>().ShouldHaveSingleItem().Type.ShouldBe(IntegrationEventTypes.PartnershipActivated);
    }

    private sealed class FailingClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("no time for scheduling");
    }

    [Fact]
    public async Task Another_tenants_hook_receives_nothing()
    {
        var (mine, _) = await Webhook(IntegrationEventTypes.PartnershipActivated);
        await using var a = mine;
        var other = await WebhookReceiver.StartAsync();
        await using var b = other;
        var otherWebhook = (await As("admin", tenant: "other-" + Tenant).Post("/api/admin/webhooks",
            new { url = other.Url, events = new[] { IntegrationEventTypes.PartnershipActivated }, secret = Secret }, 201)).Json()["id"];

        var partner = await ActivePartner();

        (await mine.WaitForType(IntegrationEventTypes.PartnershipActivated)).Json["partnerId"]!.GetValue<Guid>().ShouldBe(partner);
        other.All.ShouldBeEmpty();
        (await As("admin", tenant: "other-" + Tenant).Get($"/api/admin/webhooks/{otherWebhook}/deliveries")).Json()["items"]!.AsArray().ShouldBeEmpty();
        (await As("admin", tenant: "other-" + Tenant).Get("/api/admin/webhooks")).Json()["items"]!.AsArray().Count.ShouldBe(1);
        (await Admin.Get("/api/admin/webhooks")).Json()["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Webhooks_are_admin_only_validated_and_keep_their_secret()
    {
        var body = new { url = "https://hooks.example/partners", events = new[] { "partnership_lost" }, secret = Secret };
        await Coordinator.Post("/api/admin/webhooks", body, 403);
        await As("analyst").Get("/api/admin/webhooks", 403);

        (await Admin.Post("/api/admin/webhooks", body with { url = "ftp://hooks.example/x" }, 400)).Json()["errors"]!["url"].ShouldNotBeNull();
        (await Admin.Post("/api/admin/webhooks", body with { url = "not a url" }, 400)).Json()["errors"]!["url"].ShouldNotBeNull();
        (await Admin.Post("/api/admin/webhooks", body with { events = new[] { "partnership_exploded" } }, 400)).Json()["errors"]!["events[0]"].ShouldNotBeNull();
        (await Admin.Post("/api/admin/webhooks", body with { events = Array.Empty<string>() }, 400)).Json()["errors"]!["events"].ShouldNotBeNull();
        (await Admin.Post("/api/admin/webhooks", body with { secret = "short" }, 400)).Json()["errors"]!["secret"].ShouldNotBeNull();

        var created = await Admin.Post("/api/admin/webhooks", body, 201);
        created.ReadAsText().ShouldNotContain(Secret);
        var id = created.Json()["id"]!.GetValue<Guid>();
        (await Admin.Get("/api/admin/webhooks")).ReadAsText().ShouldNotContain(Secret);

        await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", "Bearer " + Fixture.TokenFor(Tenant, "admin"));
            s.Delete.Url($"/api/admin/webhooks/{id}");
            s.StatusCodeShouldBe(204);
        });
        await Admin.Get($"/api/admin/webhooks/{id}/deliveries", 404);
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_of_the_body() =>
        DeliverWebhookHandler.Sign(Secret, "{\"a\":1}").ShouldBe(Hmac("{\"a\":1}"));
}
