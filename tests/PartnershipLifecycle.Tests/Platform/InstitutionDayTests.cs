using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// Issue 18, point 3, through the API: an institution in Hong Kong (UTC+8) and one in Bogotá (UTC−5) at their
/// midnights. The service's clock is the fixture's fake one, moved forward to each boundary.
/// </summary>
public class InstitutionDayTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private void InZone(string tenant, string zone) =>
        Host.Services.GetRequiredService<IConfiguration>()[$"{InstitutionSettings.TimeZonesSection}:{tenant}"] = zone;

    /// <summary>Moves the clock forward to the next moment it reads <paramref name="utcTime"/> (UTC).</summary>
    private void MoveTo(TimeOnly utcTime)
    {
        var now = Fixture.Clock.GetUtcNow();
        var target = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(utcTime), TimeSpan.Zero);
        Fixture.Clock.Advance((target > now ? target : target.AddDays(1)) - now);
    }

    [Fact]
    public async Task An_institution_in_hong_kong_has_its_own_today_for_the_future_date_rule_follow_ups_and_placements()
    {
        InZone(Tenant, "Asia/Hong_Kong");
        MoveTo(new TimeOnly(15, 58)); // 23:58 in Hong Kong, the same date in UTC
        var day = Today;
        var id = await PartnerAt(Stage.Active);
        var followUp = (await Coordinator.Post($"/api/partners/{id}/follow-ups", new { dueOn = day, purpose = "call back" }, 200)).Json()["followUpId"]!.GetValue<Guid>();

        // Issue 18: a placement dated tomorrow, logged at 22:43 (here 23:58) in Hong Kong, is in the future there.
        var placement = new { type = "work_placement", occurredOn = day.AddDays(1), studentsReached = 3, hours = 40 };
        (await Coordinator.Post($"/api/partners/{id}/engagements", placement, 400)).Json()["errors"]!["occurredOn"].ShouldNotBeNull();
        FollowUpStatus(await Coordinator.Get($"/api/partners/{id}"), followUp).ShouldBe("scheduled");

        // Three minutes later it is tomorrow in Hong Kong (still today in UTC): accepted, and it counts at once.
        Fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        Fixture.Clock.Today().ShouldBe(day);
        await Coordinator.Post($"/api/partners/{id}/engagements", placement, 200);
        await ProjectionsCaughtUp();
        var commitments = (await As(Roles.Analyst).Get("/api/analytics/commitments")).Json();
        commitments["asOf"]!.GetValue<string>().ShouldBe(day.AddDays(1).ToString("yyyy-MM-dd"));
        commitments["items"]!.AsArray().Single()!["placements"]!["delivered"]!.GetValue<int>().ShouldBe(3);
        FollowUpStatus(await Coordinator.Get($"/api/partners/{id}"), followUp).ShouldBe("overdue");
        (await Coordinator.Get($"/api/partners/{id}/health")).Json()["factors"]!.AsArray()
            .ShouldContain(f => f!["code"]!.GetValue<string>() == "overdue_follow_ups");
    }

    [Fact]
    public async Task An_institution_in_bogota_refuses_its_tomorrow_until_its_midnight()
    {
        InZone(Tenant, "America/Bogota");
        MoveTo(new TimeOnly(4, 58)); // 23:58 of the day before in Bogotá
        var utcDay = Today;
        var id = await NewPartner(extra: new { occurredOn = utcDay.AddDays(-1) });
        var outreach = new { channel = "email", summary = "hello", occurredOn = utcDay };

        (await Coordinator.Post($"/api/partners/{id}/outreach", outreach, 400)).Json()["errors"]!["occurredOn"].ShouldNotBeNull();
        Fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        await Coordinator.Post($"/api/partners/{id}/outreach", outreach, 200);
    }

    [Fact]
    public async Task As_of_takes_a_timestamp_with_any_offset()
    {
        var id = await NewPartner();
        // Events are stamped by the database's clock, not the service's (a test clock other tests move): a minute
        // after the real now is after the partner was recorded, whichever way the test clock has been moved.
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        foreach (var offset in new[] { TimeSpan.FromHours(8), TimeSpan.FromHours(-5), TimeSpan.Zero })
        {
            // Issue 18: ?asOf=2026-11-30T22:44:45%2B08:00 answered 500.
            var asOf = Uri.EscapeDataString(now.ToOffset(offset).ToString("yyyy-MM-ddTHH:mm:sszzz"));
            (await Coordinator.Get($"/api/partners/{id}?asOf={asOf}")).Json()["stage"]!.GetValue<string>().ShouldBe("prospect");
        }

        // Before the partner was recorded: not found, not a 500.
        await Coordinator.Get($"/api/partners/{id}?asOf=2026-11-30T22:44:45%2B08:00", 404);
    }

    private static string FollowUpStatus(Alba.IScenarioResult partner, Guid followUpId) =>
        partner.Json()["followUps"]!.AsArray().Single(f => f!["followUpId"]!.GetValue<Guid>() == followUpId)!["status"]!.GetValue<string>();
}
