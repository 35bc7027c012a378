using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners;

/// <summary>The rules that are not stages, through HTTP: dates in order, scores, ids, and what may happen once.</summary>
public class CommandRulesTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task Mou_dates_must_be_in_order()
    {
        var id = await PartnerAt(Stage.Pitched);
        var answer = await Coordinator.Post($"/api/partners/{id}/mou", new
        {
            signedOn = Today, startsOn = Today.AddDays(30), endsOn = Today.AddDays(10),
            commitments = new { placementsPerYear = 1, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, 400);
        answer.Json()["errors"]!["endsOn"].ShouldNotBeNull();

        var negative = await Coordinator.Post($"/api/partners/{id}/mou", new
        {
            signedOn = Today, startsOn = Today, endsOn = Today.AddYears(1),
            commitments = new { placementsPerYear = -1, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, 400);
        negative.Json()["errors"]!["commitments.placementsPerYear"].ShouldNotBeNull();

        (await Coordinator.Post($"/api/partners/{id}/mou", new { signedOn = Today, startsOn = Today, endsOn = Today.AddYears(1) }, 400))
            .Json()["errors"]!["commitments"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_renewal_must_end_after_the_current_end()
    {
        var id = await PartnerAt(Stage.Active);
        (await Coordinator.Post($"/api/partners/{id}/mou/renew", new { endsOn = Today.AddDays(30), occurredOn = Today }, 400))
            .Json()["errors"]!["endsOn"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Scores_are_one_to_five()
    {
        var id = await PartnerAt(Stage.Active);
        var evaluation = await Coordinator.Post($"/api/partners/{id}/evaluations", new
        {
            period = "Q1", studentSatisfaction = 6, partnerSatisfaction = 0, mentorPreparedness = 3, studentInterest = 3, hires = 0, occurredOn = Today,
        }, 400);
        evaluation.Json()["errors"]!["studentSatisfaction"].ShouldNotBeNull();
        evaluation.Json()["errors"]!["partnerSatisfaction"].ShouldNotBeNull();

        var piloting = await PartnerAt(Stage.Piloting);
        (await Coordinator.Post($"/api/partners/{piloting}/pilot/complete", new { occurredOn = Today, rating = 9, feedback = "x" }, 400))
            .Json()["errors"]!["rating"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Pilot_dates_must_be_in_order()
    {
        var id = await PartnerAt(Stage.Pitched);
        (await Coordinator.Post($"/api/partners/{id}/pilot", new { description = "demo", startsOn = Today, endsOn = Today.AddDays(-1) }, 400))
            .Json()["errors"]!["endsOn"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Business_dates_may_not_be_in_the_future()
    {
        var id = await NewPartner();
        (await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "x", occurredOn = Today.AddDays(2) }, 400))
            .Json()["errors"]!["occurredOn"].ShouldNotBeNull();
    }

    [Fact]
    public async Task An_unknown_offering_is_named_by_its_position()
    {
        var id = await PartnerAt(Stage.Contacted);
        var answer = await Coordinator.Post($"/api/partners/{id}/pitches",
            new { valueProposition = "x", offerings = new[] { "mentorship", "free_lunch" }, occurredOn = Today }, 400);
        answer.Json()["errors"]!["offerings[1]"]![0]!.GetValue<string>().ShouldContain("work_placement");
    }

    [Fact]
    public async Task A_follow_up_completes_once_and_unknown_ones_are_404()
    {
        var id = await NewPartner();
        var scheduled = await Coordinator.Post($"/api/partners/{id}/follow-ups", new { dueOn = Today.AddDays(3), purpose = "call" }, 200);
        var followUpId = scheduled.Json()["followUpId"]!.GetValue<Guid>();

        await Coordinator.Post($"/api/partners/{id}/follow-ups/{followUpId}/complete", new { occurredOn = Today }, 200);
        (await Coordinator.Post($"/api/partners/{id}/follow-ups/{followUpId}/complete", new { occurredOn = Today }, 409))
            .Json()["detail"]!.GetValue<string>().ShouldContain("already completed");
        await Coordinator.Post($"/api/partners/{id}/follow-ups/{Guid.NewGuid()}/complete", new { occurredOn = Today }, 404);
        await Coordinator.Post($"/api/partners/{id}/follow-ups", new { followUpId, dueOn = Today, purpose = "again" }, 409);

        var partner = (await Coordinator.Get($"/api/partners/{id}")).Json();
        partner["followUps"]![0]!["status"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task A_departed_contact_cannot_depart_again_or_change_role()
    {
        var id = await NewPartner();
        var added = await Coordinator.Post($"/api/partners/{id}/contacts", new { name = "Chloe", role = "champion", occurredOn = Today }, 200);
        var contactId = added.Json()["contactId"]!.GetValue<Guid>();

        await Coordinator.Post($"/api/partners/{id}/contacts/{contactId}/departed", new { occurredOn = Today, movedTo = "Beta Ltd" }, 200);
        await Coordinator.Post($"/api/partners/{id}/contacts/{contactId}/departed", new { occurredOn = Today }, 409);
        await Coordinator.Post($"/api/partners/{id}/contacts/{contactId}/role", new { role = "mentor", occurredOn = Today }, 409);
        await Coordinator.Post($"/api/partners/{id}/contacts/{Guid.NewGuid()}/role", new { role = "mentor", occurredOn = Today }, 404);

        var contact = (await Coordinator.Get($"/api/partners/{id}")).Json()["contacts"]![0]!;
        contact["status"]!.GetValue<string>().ShouldBe("departed");
        contact["movedTo"]!.GetValue<string>().ShouldBe("Beta Ltd");
    }

    [Fact]
    public async Task An_overdue_follow_up_shows_as_overdue()
    {
        // Identified a week ago: a follow-up may be due from then on, not before.
        var id = await NewPartner(extra: new { occurredOn = Today.AddDays(-7) });
        await Coordinator.Post($"/api/partners/{id}/follow-ups", new { dueOn = Today.AddDays(-2), purpose = "late call" }, 200);
        (await Coordinator.Get($"/api/partners/{id}")).Json()["followUps"]![0]!["status"]!.GetValue<string>().ShouldBe("overdue");
    }
}
