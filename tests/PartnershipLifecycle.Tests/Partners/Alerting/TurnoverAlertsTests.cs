using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners.Alerting;
using System.Text.Json.Nodes;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Alerting;

/// <summary>Every alert rule, raised and resolved through HTTP, and acknowledging.</summary>
public class TurnoverAlertsTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<Guid> AddContact(Guid partner, string name, string role)
    {
        var added = await Coordinator.Post($"/api/partners/{partner}/contacts", new { name, role, occurredOn = Today.AddYears(-1) }, 200);
        return added.Json()["contactId"]!.GetValue<Guid>();
    }

    private Task Depart(Guid partner, Guid contact, DateOnly? on = null) =>
        Coordinator.Post($"/api/partners/{partner}/contacts/{contact}/departed", new { occurredOn = on ?? Today }, 200);

    private async Task<JsonArray> Alerts(string query = "")
    {
        await ProjectionsCaughtUp();
        return (await Coordinator.Get("/api/alerts" + query)).Json()["items"]!.AsArray();
    }

    [Fact]
    public async Task A_departing_champion_raises_champion_departed_and_a_new_champion_resolves_it()
    {
        var partner = await PartnerAt(Stage.Active, identifiedOn: Today.AddYears(-1));
        var chloe = await AddContact(partner, "Chloe Chan", "champion");
        await AddContact(partner, "Max Mentor", "mentor");

        await Depart(partner, chloe);

        var alert = (await Alerts("?status=open")).ShouldHaveSingleItem()!;
        alert["kind"]!.GetValue<string>().ShouldBe("champion_departed");
        alert["partnerId"]!.GetValue<Guid>().ShouldBe(partner);
        alert["partnerName"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        alert["contactId"]!.GetValue<Guid>().ShouldBe(chloe);
        alert["contactName"]!.GetValue<string>().ShouldBe("Chloe Chan");
        alert["escalated"]!.GetValue<bool>().ShouldBeFalse();
        alert["raisedAt"].ShouldNotBeNull();

        await AddContact(partner, "Dev Patel", "champion");

        (await Alerts("?status=open")).ShouldBeEmpty();
        var resolved = (await Alerts("?status=resolved")).ShouldHaveSingleItem()!;
        resolved["resolvedAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_last_contact_leaving_raises_no_active_contact_and_any_new_contact_resolves_it()
    {
        var partner = await PartnerAt(Stage.Contacted, identifiedOn: Today.AddYears(-1));
        var hr = await AddContact(partner, "Hana HR", "hr");

        await Depart(partner, hr);
        (await Alerts("?kind=no_active_contact&status=open")).ShouldHaveSingleItem();

        await AddContact(partner, "Omar Other", "other");
        (await Alerts("?kind=no_active_contact&status=open")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_departures_within_a_year_raise_high_turnover_until_a_champion_is_named()
    {
        var partner = await PartnerAt(Stage.Active, identifiedOn: Today.AddYears(-1));
        var first = await AddContact(partner, "First Mentor", "mentor");
        var second = await AddContact(partner, "Second Mentor", "mentor");
        var stays = await AddContact(partner, "Stays Around", "decision_maker");

        await Depart(partner, first, Today.AddDays(-200));
        (await Alerts()).ShouldBeEmpty();
        await Depart(partner, second);
        (await Alerts("?status=open")).Single()!["kind"]!.GetValue<string>().ShouldBe("high_turnover");

        await Coordinator.Post($"/api/partners/{partner}/contacts/{stays}/role", new { role = "champion", occurredOn = Today }, 200);
        (await Alerts("?status=open")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Acknowledging_keeps_the_alert_until_it_is_resolved()
    {
        var partner = await PartnerAt(Stage.Active, identifiedOn: Today.AddYears(-1));
        var chloe = await AddContact(partner, "Chloe", "champion");
        await AddContact(partner, "Max", "mentor");
        await Depart(partner, chloe);
        var alertId = (await Alerts()).Single()!["id"]!.GetValue<Guid>();

        await As(Roles.Analyst).Post($"/api/alerts/{alertId}/acknowledge", null, 403);
        var acknowledged = await Coordinator.Post($"/api/alerts/{alertId}/acknowledge", null, 200);
        acknowledged.Json()["partnerId"]!.GetValue<Guid>().ShouldBe(partner);

        (await Alerts("?status=acknowledged")).Single()!["id"]!.GetValue<Guid>().ShouldBe(alertId);
        (await Alerts("?status=open")).ShouldBeEmpty();
        await Coordinator.Post($"/api/alerts/{alertId}/acknowledge", null, 409);
        await Coordinator.Post($"/api/alerts/{Guid.NewGuid()}/acknowledge", null, 404);

        var history = (await Coordinator.Get($"/api/partners/{partner}/history")).Json()["events"]!.AsArray();
        history.Last()!["type"]!.GetValue<string>().ShouldBe("turnover_alert_acknowledged");
        history.Last()!["actor"]!.GetValue<string>().ShouldBe("coordinator-1");
    }

    [Fact]
    public async Task Acknowledging_moves_the_version_every_read_and_precondition_uses()
    {
        var partner = await PartnerAt(Stage.Active, identifiedOn: Today.AddYears(-1));
        await Depart(partner, await AddContact(partner, "Chloe", "champion"));
        var alertId = (await Alerts()).First()!["id"]!.GetValue<Guid>();

        var acknowledged = await Coordinator.Post($"/api/alerts/{alertId}/acknowledge", null, 200);
        var version = acknowledged.Json()["version"]!.GetValue<long>();

        var read = await Coordinator.Get($"/api/partners/{partner}");
        read.Json()["version"]!.GetValue<long>().ShouldBe(version);
        read.Header("ETag").ShouldBe($"\"{version}\"");
        var outreach = new { channel = "email", summary = "sorry to hear", occurredOn = Today };
        await Coordinator.Post($"/api/partners/{partner}/outreach", outreach, 412, s => s.WithRequestHeader("If-Match", $"\"{version - 1}\""));
        await Coordinator.Post($"/api/partners/{partner}/outreach", outreach, 200, s => s.WithRequestHeader("If-Match", $"\"{version}\""));
        (await Coordinator.Get($"/api/partners/{partner}?version={version}")).Json()["version"]!.GetValue<long>().ShouldBe(version);
    }

    [Fact]
    public async Task A_query_asked_to_catch_up_reads_the_alerts_after_the_command_just_accepted()
    {
        var partner = await PartnerAt(Stage.Active, identifiedOn: Today.AddYears(-1));
        await AddContact(partner, "Max", "mentor");
        await Depart(partner, await AddContact(partner, "Chloe", "champion"));
        var alertId = (await Alerts()).Single()!["id"]!.GetValue<Guid>();

        // What the web app does after an accepted command: no wait for the daemon here, the query waits itself.
        await Coordinator.Post($"/api/alerts/{alertId}/acknowledge", null, 200);
        using var scope = Host.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<MediatR.IMediator>();
        var open = await mediator.Send(new ListTurnoverAlerts(Tenant, AlertStatus.Open) { CatchUp = TimeSpan.FromSeconds(10) },
            TestContext.Current.CancellationToken);
        open.Total.ShouldBe(0);
        var ofPartner = await mediator.Send(new ListPartnerAlerts(Tenant, partner) { CatchUp = TimeSpan.FromSeconds(10) }, TestContext.Current.CancellationToken);
        ofPartner.ShouldHaveSingleItem().Status.ShouldBe(AlertStatus.Acknowledged);
    }

    [Fact]
    public async Task An_alert_acknowledged_twice_at_once_or_in_quick_succession_is_acknowledged_once()
    {
        var partner = await PartnerAt(Stage.Active, identifiedOn: Today.AddYears(-1));
        await AddContact(partner, "Max", "mentor");
        await Depart(partner, await AddContact(partner, "Chloe", "champion"));
        var alertId = (await Alerts()).Single()!["id"]!.GetValue<Guid>();

        // No wait between them: the asynchronous alert document has not seen the first acknowledgement yet.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => (await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", "Bearer " + Fixture.TokenFor(Tenant, Roles.Coordinator));
            s.Post.Url($"/api/alerts/{alertId}/acknowledge");
            s.IgnoreStatusCode();
        })).Context.Response.StatusCode));
        await Coordinator.Post($"/api/alerts/{alertId}/acknowledge", null, 409);

        statuses.Order().ShouldBe([200, 409, 409]);
        await using var session = Store.QuerySession(Tenant);
        var events = await session.Events.FetchStreamAsync(partner, token: TestContext.Current.CancellationToken);
        events.Count(e => e.Data is PartnershipLifecycle.Partners.Alerting.TurnoverAlertAcknowledged).ShouldBe(1);
    }

    [Fact]
    public async Task Losing_the_partner_resolves_its_alerts()
    {
        var partner = await PartnerAt(Stage.Active, identifiedOn: Today.AddYears(-1));
        var chloe = await AddContact(partner, "Chloe", "champion");
        await Depart(partner, chloe);
        (await Alerts("?status=open")).Count.ShouldBe(2); // champion_departed and no_active_contact

        await Coordinator.Post($"/api/partners/{partner}/lost", new { reason = "personnel_turnover", occurredOn = Today }, 200);
        (await Alerts("?status=open")).ShouldBeEmpty();
        (await Alerts("?status=resolved")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Alerts_belong_to_their_tenant_and_filters_are_checked()
    {
        var partner = await PartnerAt(Stage.Contacted, identifiedOn: Today.AddYears(-1));
        await Depart(partner, await AddContact(partner, "Solo", "champion"));
        (await Alerts()).Count.ShouldBe(2);

        (await As(Roles.Admin, tenant: "other-" + Tenant).Get("/api/alerts")).Json()["items"]!.AsArray().ShouldBeEmpty();
        await As(Roles.Admin, tenant: "other-" + Tenant).Post($"/api/alerts/{(await Alerts()).First()!["id"]}/acknowledge", null, 404);
        (await Coordinator.Get("/api/alerts?kind=bogus", 400)).Json()["errors"]!["kind"].ShouldNotBeNull();
        (await Coordinator.Get("/api/alerts?status=closed", 400)).Json()["errors"]!["status"].ShouldNotBeNull();
        foreach (var role in Roles.All)
        {
            await As(role).Get("/api/alerts");
        }
    }
}
