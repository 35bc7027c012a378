using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners;

/// <summary>A partner's whole life through HTTP, then audited: history, and the partner as it was at the MOU.</summary>
public class LifecycleStoryTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task From_referral_to_win_back_every_step_is_an_event_in_order()
    {
        var referrer = await NewPartner("Referring Partner Ltd");
        var id = Guid.NewGuid();
        var championId = Guid.NewGuid();
        var newChampionId = Guid.NewGuid();
        var url = $"/api/partners/{id}";
        var start = Today.AddDays(-200);
        var ann = As(Roles.Coordinator, subject: "ann");

        await ann.Post("/api/partners", new
        {
            id, name = "Harbour VR Studio", sector = "creative_technology", channel = "partner_referral",
            referredByPartnerId = referrer, motivations = new[] { "attract_talent" }, occurredOn = start,
        }, 201);
        await ann.Post($"{url}/outreach", new { channel = "email", summary = "intro via referrer", occurredOn = start.AddDays(2) }, 200);
        await ann.Post($"{url}/contacts", new { contactId = championId, name = "Chloe Chan", role = "champion", occurredOn = start.AddDays(3) }, 200);
        await ann.Post($"{url}/pitches", new { valueProposition = "XR talent pipeline", offerings = new[] { "work_placement", "mentorship" }, occurredOn = start.AddDays(10) }, 200);
        await ann.Post($"{url}/pilot", new { description = "VR showcase week", startsOn = start.AddDays(20), endsOn = start.AddDays(27) }, 200);
        await ann.Post($"{url}/pilot/complete", new { occurredOn = start.AddDays(27), rating = 5, feedback = "excellent", testimonial = "Brilliant students" }, 200);
        var mou = await ann.Post($"{url}/mou", new
        {
            signedOn = start.AddDays(40), startsOn = start.AddDays(45), endsOn = start.AddDays(45 + 365),
            commitments = new { placementsPerYear = 6, mentors = 2, guestSessionsPerYear = 3, advisoryBoardSeat = false },
            partnerResponsibilities = new[] { "host placements" }, institutionResponsibilities = new[] { "prepare students" },
        }, 200, s => s.WithRequestHeader("X-Correlation-Id", "signing-ceremony"));
        var mouVersion = mou.Json()["version"]!.GetValue<long>();
        await ann.Post($"{url}/engagements", new { type = "work_placement", occurredOn = start.AddDays(60), studentsReached = 2, hours = 80 }, 200);
        await ann.Post($"{url}/engagements", new { type = "mentoring_session", occurredOn = start.AddDays(70), studentsReached = 8, hours = 2 }, 200);
        await As(Roles.Coordinator, subject: "bob").Post($"{url}/contacts/{championId}/departed",
            new { occurredOn = start.AddDays(100), note = "left the company", movedTo = "Neon Arcade Ltd" }, 200);
        await ann.Post($"{url}/contacts", new { contactId = newChampionId, name = "Dev Patel", role = "mentor", occurredOn = start.AddDays(110) }, 200);
        await ann.Post($"{url}/contacts/{newChampionId}/role", new { role = "champion", occurredOn = start.AddDays(111) }, 200);
        await ann.Post($"{url}/evaluations", new
        {
            period = "year 1", studentSatisfaction = 4, partnerSatisfaction = 3, mentorPreparedness = 4, studentInterest = 5, hires = 1,
            occurredOn = start.AddDays(150),
        }, 200);
        await ann.Post($"{url}/lost", new { reason = "personnel_turnover", note = "new champion left too", occurredOn = start.AddDays(180) }, 200);
        await ann.Post($"{url}/reactivate", new { channel = "alumni_network", occurredOn = start.AddDays(195) }, 200);

        var history = (await As(Roles.Auditor).Get($"{url}/history")).Json()["events"]!.AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).ShouldBe([
            "prospect_identified", "outreach_logged", "contact_added", "pitch_delivered", "pilot_started", "pilot_completed",
            "mou_signed", "engagement_delivered", "engagement_delivered", "contact_departed", "contact_added",
            "contact_role_changed", "evaluation_recorded", "partnership_lost", "partnership_reactivated",
        ]);
        history.Select(e => e!["version"]!.GetValue<long>()).ShouldBe(Enumerable.Range(1, 15).Select(v => (long)v));
        history.ShouldAllBe(e => !string.IsNullOrEmpty(e!["actor"]!.GetValue<string>()) && !string.IsNullOrEmpty(e["correlationId"]!.GetValue<string>()));
        history[9]!["actor"]!.GetValue<string>().ShouldBe("bob");
        history[9]!["data"]!["movedTo"]!.GetValue<string>().ShouldBe("Neon Arcade Ltd");
        history[6]!["correlationId"]!.GetValue<string>().ShouldBe("signing-ceremony");
        history[13]!["data"]!["fromStage"]!.GetValue<string>().ShouldBe("active");

        var now = (await Coordinator.Get(url)).Json();
        now["stage"]!.GetValue<string>().ShouldBe("prospect");
        now["reactivations"]!.GetValue<int>().ShouldBe(1);
        now["contacts"]!.AsArray().Count.ShouldBe(2);
        now["activeMou"].ShouldBeNull();

        var atMou = await Coordinator.Get($"{url}?version={mouVersion}");
        atMou.Header("ETag").ShouldBe($"\"{mouVersion}\"");
        var then = atMou.Json();
        then["stage"]!.GetValue<string>().ShouldBe("active");
        then["version"]!.GetValue<long>().ShouldBe(mouVersion);
        then["activeMou"]!["commitments"]!["placementsPerYear"]!.GetValue<int>().ShouldBe(6);
        then["contacts"]!.AsArray().Single()!["status"]!.GetValue<string>().ShouldBe("active");
        then["pilot"]!["testimonial"]!.GetValue<string>().ShouldBe("Brilliant students");
    }
}
