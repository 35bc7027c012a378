using System.Text.Json.Nodes;
using Alba;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Dating;

/// <summary>
/// Issue 12, section 3: a business date may not contradict the partner's own history (nothing before the partner was
/// identified, a stage not entered before the previous one, a completion not before what it completes), and far dates
/// are bounded. Every refusal is 400 naming the field and the date it may not precede, and writes nothing.
/// </summary>
public class BusinessDateRuleTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd");

    private async Task<long> VersionOf(Guid id) => (await Coordinator.Get($"/api/partners/{id}")).Json()["version"]!.GetValue<long>();

    /// <summary>Posts, expects 400 naming <paramref name="field"/> and <paramref name="notBefore"/>, and checks nothing was written.</summary>
    private async Task RefusedBefore(Guid id, string route, object body, string field, DateOnly notBefore)
    {
        var before = await VersionOf(id);
        var answer = (await Coordinator.Post($"/api/partners/{id}/{route}", body, 400)).Json();
        answer["errors"]![field].ShouldNotBeNull($"the problem names '{field}': {answer.ToJsonString()}");
        answer["errors"]![field]![0]!.GetValue<string>().ShouldContain(Iso(notBefore));
        answer["notBefore"]!.GetValue<string>().ShouldBe(Iso(notBefore));
        (await VersionOf(id)).ShouldBe(before);
    }

    private async Task<JsonNode> Refused(Guid id, string route, object body, string field)
    {
        var before = await VersionOf(id);
        var answer = (await Coordinator.Post($"/api/partners/{id}/{route}", body, 400)).Json();
        answer["errors"]![field].ShouldNotBeNull($"the problem names '{field}': {answer.ToJsonString()}");
        (await VersionOf(id)).ShouldBe(before);
        return answer;
    }

    [Fact]
    public async Task The_issue_example_outreach_pitch_and_mou_before_the_partner_was_identified_are_refused()
    {
        var identified = Today;
        var id = await NewPartner(extra: new { occurredOn = identified });

        await RefusedBefore(id, "outreach", new { channel = "email", summary = "hi", occurredOn = identified.AddDays(-29) }, "occurredOn", identified);
        await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hi", occurredOn = identified }, 200);
        await RefusedBefore(id, "pitches", new { valueProposition = "v", offerings = new[] { "mentorship" }, occurredOn = identified.AddDays(-28) }, "occurredOn", identified);
        await Coordinator.Post($"/api/partners/{id}/pitches", new { valueProposition = "v", offerings = new[] { "mentorship" }, occurredOn = identified }, 200);
        await RefusedBefore(id, "mou", Bodies.Mou(identified.AddDays(-27)), "signedOn", identified);

        // Back-dated records that do not move the stage are fine, as long as the partner was known then.
        await Coordinator.Post($"/api/partners/{id}/communications", new { channel = "phone", direction = "inbound", summary = "call", occurredOn = identified }, 200);
        await RefusedBefore(id, "contacts", new { name = "Ann", role = "champion", occurredOn = identified.AddDays(-1) }, "occurredOn", identified);

        await Coordinator.Post($"/api/partners/{id}/mou", Bodies.Mou(identified), 200);
        var story = (await Coordinator.Get($"/api/partners/{id}/story")).Json();
        story["daysToMou"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task A_stage_is_not_entered_before_the_partner_entered_the_one_it_leaves()
    {
        var start = Today.AddDays(-20);
        var id = await NewPartner(extra: new { occurredOn = start });
        await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hi", occurredOn = start.AddDays(5) }, 200);
        await RefusedBefore(id, "pitches", new { valueProposition = "v", offerings = new[] { "mentorship" }, occurredOn = start.AddDays(4) }, "occurredOn", start.AddDays(5));
        await Coordinator.Post($"/api/partners/{id}/pitches", new { valueProposition = "v", offerings = new[] { "mentorship" }, occurredOn = start.AddDays(10) }, 200);
        await RefusedBefore(id, "pilot", new { description = "d", startsOn = start.AddDays(9), endsOn = start.AddDays(12) }, "startsOn", start.AddDays(10));
        await RefusedBefore(id, "pitch-outcome", new { outcome = "interested", occurredOn = start.AddDays(9) }, "occurredOn", start.AddDays(10));
        await Coordinator.Post($"/api/partners/{id}/pilot", new { description = "d", startsOn = start.AddDays(12), endsOn = start.AddDays(14) }, 200);
        await RefusedBefore(id, "pilot/complete", new { occurredOn = start.AddDays(11), rating = 4, feedback = "f" }, "occurredOn", start.AddDays(12));
        await RefusedBefore(id, "mou", Bodies.Mou(start.AddDays(11)), "signedOn", start.AddDays(12));
        await Coordinator.Post($"/api/partners/{id}/mou", Bodies.Mou(start.AddDays(15)), 200);
        await RefusedBefore(id, "pause", new { reason = "r", occurredOn = start.AddDays(14) }, "occurredOn", start.AddDays(15));
        await RefusedBefore(id, "mou/amend", new { commitments = new { placementsPerYear = 1, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false }, occurredOn = start.AddDays(14), reason = "r" }, "occurredOn", start.AddDays(15));
        await RefusedBefore(id, "mou/renew", new { endsOn = start.AddYears(3), occurredOn = start.AddDays(14) }, "occurredOn", start.AddDays(15));
        await Coordinator.Post($"/api/partners/{id}/pause", new { reason = "r", occurredOn = start.AddDays(16) }, 200);
        await RefusedBefore(id, "resume", new { occurredOn = start.AddDays(15) }, "occurredOn", start.AddDays(16));
        await RefusedBefore(id, "lost", new { reason = "capacity_change", occurredOn = start.AddDays(15) }, "occurredOn", start.AddDays(16));
        await Coordinator.Post($"/api/partners/{id}/lost", new { reason = "capacity_change", occurredOn = start.AddDays(17) }, 200);
        await RefusedBefore(id, "reactivate", new { channel = "inbound", occurredOn = start.AddDays(16) }, "occurredOn", start.AddDays(17));
    }

    [Fact]
    public async Task After_a_win_back_its_own_steps_are_not_before_the_reactivation()
    {
        var start = Today.AddDays(-20);
        var id = await NewPartner(extra: new { occurredOn = start });
        await Coordinator.Post($"/api/partners/{id}/lost", new { reason = "capacity_change", occurredOn = start.AddDays(2) }, 200);
        await Coordinator.Post($"/api/partners/{id}/reactivate", new { channel = "inbound", occurredOn = start.AddDays(10) }, 200);
        await RefusedBefore(id, "outreach", new { channel = "email", summary = "again", occurredOn = start.AddDays(9) }, "occurredOn", start.AddDays(10));
        // A record of an earlier conversation is still welcome.
        await Coordinator.Post($"/api/partners/{id}/communications", new { channel = "phone", direction = "inbound", summary = "old call", occurredOn = start.AddDays(1) }, 200);
        await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "again", occurredOn = start.AddDays(10) }, 200);
    }

    [Fact]
    public async Task A_completion_or_a_change_is_not_before_what_it_completes_or_changes()
    {
        var id = await NewPartner(extra: new { occurredOn = Today.AddDays(-10) });
        var scheduled = await Coordinator.Post($"/api/partners/{id}/follow-ups", new { dueOn = Today.AddDays(3), purpose = "call back" }, 200);
        var followUpId = scheduled.Json()["followUpId"]!.GetValue<Guid>();
        await RefusedBefore(id, $"follow-ups/{followUpId}/complete", new { occurredOn = Today.AddDays(-1) }, "occurredOn", Today);
        await Coordinator.Post($"/api/partners/{id}/follow-ups/{followUpId}/complete", new { occurredOn = Today }, 200);

        var added = await Coordinator.Post($"/api/partners/{id}/contacts", new { name = "Ann", role = "champion", occurredOn = Today.AddDays(-5) }, 200);
        var contactId = added.Json()["contactId"]!.GetValue<Guid>();
        await RefusedBefore(id, $"contacts/{contactId}/role", new { role = "mentor", occurredOn = Today.AddDays(-6) }, "occurredOn", Today.AddDays(-5));
        await RefusedBefore(id, $"contacts/{contactId}/departed", new { occurredOn = Today.AddDays(-6) }, "occurredOn", Today.AddDays(-5));
    }

    /// <summary>Newcomer finding: a follow-up due in 2020 on a partner identified today was accepted.</summary>
    [Fact]
    public async Task A_follow_up_is_not_due_before_the_partner_was_identified()
    {
        var id = await PartnerAt(Stage.Pitched);
        var answer = await Refused(id, "follow-ups", new { dueOn = Today.AddDays(-1), purpose = "check in" }, "dueOn");
        answer["notBefore"]!.GetValue<string>().ShouldBe(Today.ToString("yyyy-MM-dd"));
        await Coordinator.Post($"/api/partners/{id}/follow-ups", new { dueOn = Today, purpose = "check in" }, 200);
    }

    [Fact]
    public async Task An_mou_does_not_start_before_the_partner_was_identified()
    {
        var id = await PartnerAt(Stage.Pitched);
        await Refused(id, "mou", new
        {
            signedOn = Today, startsOn = Today.AddDays(-1), endsOn = Today.AddYears(1),
            commitments = new { placementsPerYear = 1, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, "startsOn");
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("far")]
    public async Task An_mou_term_over_ten_years_is_refused_naming_endsOn(string end)
    {
        var id = await PartnerAt(Stage.Pitched);
        var endsOn = end == "far" ? Iso(Today.AddYears(10).AddDays(1)) : end;
        var answer = await Refused(id, "mou", new
        {
            signedOn = Today, startsOn = Today, endsOn,
            commitments = new { placementsPerYear = 1, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, "endsOn");
        answer["errors"]!["endsOn"]![0]!.GetValue<string>().ShouldContain("10 years");

        // Exactly ten years is accepted.
        await Coordinator.Post($"/api/partners/{id}/mou", new
        {
            signedOn = Today, startsOn = Today, endsOn = Today.AddYears(10),
            commitments = new { placementsPerYear = 1, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, 200);
    }

    [Fact]
    public async Task An_mou_may_not_start_further_ahead_than_its_longest_term()
    {
        var id = await PartnerAt(Stage.Pitched);
        await Refused(id, "mou", new
        {
            signedOn = Today, startsOn = Today.AddYears(10).AddDays(1), endsOn = Today.AddYears(11),
            commitments = new { placementsPerYear = 1, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, "startsOn");
    }

    [Fact]
    public async Task Far_renewals_follow_ups_and_pilot_ends_are_refused_naming_the_field()
    {
        var active = await PartnerAt(Stage.Active);
        await Refused(active, "mou/renew", new { endsOn = "9999-12-31", occurredOn = Today }, "endsOn");
        await Refused(active, "mou/renew", new { endsOn = Today.AddYears(10).AddDays(1), occurredOn = Today }, "endsOn");
        await Coordinator.Post($"/api/partners/{active}/mou/renew", new { endsOn = Today.AddYears(10), occurredOn = Today }, 200);
        await Refused(active, "follow-ups", new { dueOn = "9999-12-31", purpose = "p" }, "dueOn");

        var pitched = await PartnerAt(Stage.Pitched);
        await Refused(pitched, "pilot", new { description = "d", startsOn = Today, endsOn = "9999-12-31" }, "endsOn");
        await Refused(pitched, "pilot", new { description = "d", startsOn = Today, endsOn = Today.AddDays(367) }, "endsOn");
    }

    [Theory]
    [InlineData("0001-01-02")]
    [InlineData("1899-12-31")]
    public async Task Dates_before_1900_are_refused_naming_the_field(string day)
    {
        (await Coordinator.Post("/api/partners", new { name = "Old " + Guid.NewGuid().ToString("N")[..6], sector = "x", channel = "inbound", occurredOn = day }, 400))
            .Json()["errors"]!["occurredOn"].ShouldNotBeNull();
        var id = await PartnerAt(Stage.Pitched);
        (await Coordinator.Post($"/api/partners/{id}/mou", new
        {
            signedOn = day, startsOn = day, endsOn = "0001-01-03",
            commitments = new { placementsPerYear = 1, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, 400)).Json()["errors"]!["signedOn"].ShouldNotBeNull();
    }
}
