using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Partners;
using Wolverine;
using Wolverine.Tracking;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.EngagementHealth;

/// <summary>Engagement health through HTTP, with back-dated events.</summary>
public class HealthTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task A_recently_engaged_partner_is_healthy_with_no_factors()
    {
        var id = await PartnerAt(Stage.Active);
        await ProjectionsCaughtUp();

        var health = (await Coordinator.Get($"/api/partners/{id}/health")).Json();
        health["partnerId"]!.GetValue<Guid>().ShouldBe(id);
        health["score"]!.GetValue<int>().ShouldBe(100);
        health["band"]!.GetValue<string>().ShouldBe("healthy");
        health["factors"]!.AsArray().ShouldBeEmpty();
        health["lastInteractionOn"]!.GetValue<string>().ShouldBe(Today.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task An_unloved_partner_falls_to_at_risk_and_each_deduction_is_explained()
    {
        var id = Guid.NewGuid();
        var url = $"/api/partners/{id}";
        var start = Today.AddDays(-200);
        await Coordinator.Post("/api/partners", new { id, name = "Quiet Partner", sector = "x", channel = "inbound", occurredOn = start }, 201);
        await Coordinator.Post($"{url}/outreach", new { channel = "email", summary = "hi", occurredOn = start }, 200);
        await Coordinator.Post($"{url}/pitches", new { valueProposition = "v", offerings = new[] { "work_placement" }, occurredOn = start }, 200);
        await Coordinator.Post($"{url}/mou", new
        {
            signedOn = start, startsOn = start, endsOn = start.AddYears(2),
            commitments = new { placementsPerYear = 12, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, 200);
        await Coordinator.Post($"{url}/engagements", new { type = "work_placement", occurredOn = start.AddDays(5), studentsReached = 1, hours = 40 }, 200);
        var champion = (await Coordinator.Post($"{url}/contacts", new { name = "Chloe", role = "champion", occurredOn = start }, 200)).Json()["contactId"];
        await Coordinator.Post($"{url}/contacts/{champion}/departed", new { occurredOn = start.AddDays(6) }, 200);
        await Coordinator.Post($"{url}/evaluations", new
        {
            period = "term 1", studentSatisfaction = 3, partnerSatisfaction = 3, mentorPreparedness = 3, studentInterest = 2, hires = 0,
            occurredOn = start.AddDays(100),
        }, 200);
        await Coordinator.Post($"{url}/follow-ups", new { dueOn = Today.AddDays(-3), purpose = "check in" }, 200);
        await ProjectionsCaughtUp();

        var health = (await As(Roles.Auditor).Get($"{url}/health")).Json();

        var factors = health["factors"]!.AsArray().ToDictionary(f => f!["code"]!.GetValue<string>(), f => f!["impact"]!.GetValue<int>());
        factors.ShouldBe(new Dictionary<string, int>
        {
            ["inactivity"] = -35,          // 100 days since the evaluation
            ["turnover_alerts"] = -40,     // champion_departed + no_active_contact
            ["placements_behind"] = -20,   // 1 of ~6.6 expected
            ["evaluation_scores"] = -20,   // 2.75
            ["overdue_follow_ups"] = -5,
        }, ignoreOrder: true);
        health["score"]!.GetValue<int>().ShouldBe(0);
        health["band"]!.GetValue<string>().ShouldBe("at_risk");
        health["factors"]!.AsArray().ShouldAllBe(f => f!["detail"]!.GetValue<string>().Length > 0);

        (await Coordinator.Get("/api/health?band=at_risk")).Json()["items"]!.AsArray().Select(h => h!["partnerId"]!.GetValue<Guid>()).ShouldBe([id]);
        (await Coordinator.Get("/api/partners?band=at_risk")).Json()["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(id);
        (await Coordinator.Get("/api/partners?band=healthy")).Json()["total"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Health_falls_as_days_pass_without_events()
    {
        var id = await PartnerAt(Stage.Contacted);
        await ProjectionsCaughtUp();
        (await Coordinator.Get($"/api/partners/{id}/health")).Json()["score"]!.GetValue<int>().ShouldBe(100);

        Fixture.Clock.Advance(TimeSpan.FromDays(61));

        var later = (await Coordinator.Get($"/api/partners/{id}/health")).Json();
        later["score"]!.GetValue<int>().ShouldBe(80);
        later["band"]!.GetValue<string>().ShouldBe("healthy");

        // The list reads the persisted health: re-scored by the daily checks once its next change date has come.
        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .SendMessageAndWaitAsync(new DailyTenantChecks(Tenant), new DeliveryOptions { TenantId = Tenant });
        var listed = (await Coordinator.Get("/api/health")).Json()["items"]!.AsArray().Single()!;
        listed["score"]!.GetValue<int>().ShouldBe(80);
        listed["factors"]!.AsArray().Single()!["detail"]!.GetValue<string>().ShouldStartWith("61 days");
    }

    [Fact]
    public async Task A_lost_partner_has_no_health_and_unknown_ones_are_404()
    {
        var id = await PartnerAt(Stage.Lost);
        (await Coordinator.Get($"/api/partners/{id}/health", 409)).Json()["detail"]!.GetValue<string>().ShouldContain("lost");
        await Coordinator.Get($"/api/partners/{Guid.NewGuid()}/health", 404);
        await ProjectionsCaughtUp();
        var all = (await Coordinator.Get("/api/health")).Json();
        all["items"]!.AsArray().ShouldBeEmpty();
        all["total"]!.GetValue<long>().ShouldBe(0);
        await Coordinator.Get("/api/health?band=critical", 400);
        await As(Roles.Admin, tenant: "other-" + Tenant).Get($"/api/partners/{id}/health", 404);
    }
}
