using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Auditing;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners;

/// <summary>Issue 18, point 1, without a database: the pure folds take "the latest" by business date.</summary>
public class LatestByDateTests
{
    private static readonly DateOnly Day = Given.Day;

    private static EvaluationRecorded Evaluation(DateOnly on, int score) => new("p", score, score, score, score, 0, null, on);

    [Fact]
    public void The_latest_evaluation_is_the_latest_by_date_and_a_tie_goes_to_the_one_recorded_last()
    {
        var partner = Given.Partner([.. Given.EventsTo(Stage.Active), Evaluation(Day.AddDays(200), 2), Evaluation(Day.AddDays(20), 5)]);
        partner.LatestEvaluation!.RecordedOn.ShouldBe(Day.AddDays(200));
        partner.LatestEvaluation.MeanScore.ShouldBe(2);

        Given.Evolve(partner, Evaluation(Day.AddDays(200), 4)).LatestEvaluation!.MeanScore.ShouldBe(4);
    }

    [Fact]
    public void The_commitments_in_force_are_the_latest_amendments_and_the_ledger_agrees()
    {
        var amendedLater = new MouAmended(new Commitments(10, 2, 4, true), Day.AddDays(90), "more");
        var amendedEarlier = new MouAmended(new Commitments(6, 2, 4, true), Day.AddDays(30), "fewer");
        var partner = Given.Partner([.. Given.EventsTo(Stage.Active), amendedLater, amendedEarlier]);
        partner.ActiveMou!.Commitments.PlacementsPerYear.ShouldBe(10);
        partner.ActiveMou.AmendedOn.ShouldBe(Day.AddDays(90));

        var projection = new CommitmentLedgerProjection();
        var ledger = new CommitmentLedger { Mou = new MouTerms(Day, Day.AddYears(1), new Commitments(8, 2, 4, true)) };
        projection.Apply(amendedEarlier, projection.Apply(amendedLater, ledger)).Mou!.Commitments.PlacementsPerYear.ShouldBe(10);
    }

    [Fact]
    public void A_renewal_entered_late_keeps_the_furthest_end_and_the_latest_renewal_date()
    {
        var partner = Given.Partner([
            .. Given.EventsTo(Stage.Active),
            new MouRenewed(Day.AddYears(3), Day.AddYears(1), Day.AddDays(300)),
            new MouRenewed(Day.AddYears(2), Day.AddYears(1), Day.AddDays(200)),
        ]);
        partner.ActiveMou!.EndsOn.ShouldBe(Day.AddYears(3));
        partner.ActiveMou.RenewedOn.ShouldBe(Day.AddDays(300));
    }

    [Fact]
    public void A_role_change_dated_before_the_current_role_was_given_is_history()
    {
        var partner = Given.Partner([
            .. Given.EventsTo(Stage.Active),
            new ContactRoleChanged(Given.MentorId, ContactRole.Champion, ContactRole.Mentor, Day.AddDays(50)),
            new ContactRoleChanged(Given.MentorId, ContactRole.Hr, ContactRole.Champion, Day.AddDays(10)),
        ]);
        partner.FindContact(Given.MentorId)!.Role.ShouldBe(ContactRole.Champion);

        var turnover = PartnerTurnover.For(partner.Id, "Acme")
            .ContactAdded(new ContactAdded(Given.MentorId, "Max", null, ContactRole.Mentor, Day), default)
            .RoleChanged(new ContactRoleChanged(Given.MentorId, ContactRole.Champion, ContactRole.Mentor, Day.AddDays(50)), default)
            .RoleChanged(new ContactRoleChanged(Given.MentorId, ContactRole.Hr, ContactRole.Champion, Day.AddDays(10)), default);
        turnover.Contacts.Single().Role.ShouldBe(ContactRole.Champion);
    }

    [Fact]
    public void The_story_places_a_back_dated_first_contact_where_it_happened()
    {
        // Issue 18: an outreach dated 5 March entered after one dated 20 March.
        var identified = Given.Prospect() with { OccurredOn = new DateOnly(2026, 3, 1) };
        var story = PartnerStory.Tell(Guid.NewGuid(), [
            identified,
            new OutreachLogged(OutreachChannel.Email, "second", new DateOnly(2026, 3, 20)),
            new OutreachLogged(OutreachChannel.Phone, "first", new DateOnly(2026, 3, 5)),
        ]);
        story.Milestones.Single(m => m.Stage == Stage.Contacted).On.ShouldBe(new DateOnly(2026, 3, 5));
        story.Narrative.ShouldContain("First contact followed on 5 March 2026.");
    }
}
