using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Auditing;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;

namespace PartnershipLifecycle.Tests.Partners.Auditing;

/// <summary>The story is a pure function of the events.</summary>
public class PartnerStoryTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly Guid Referrer = Guid.NewGuid();

    private static readonly object[] Recruited =
    [
        new ProspectIdentified("Harbour VR", "xr", RecruitmentChannel.PartnerReferral, null, Referrer, [], null, Day),
        new OutreachLogged(OutreachChannel.Email, "hi", Day.AddDays(2)),
        new PitchDelivered("talent", [Offering.Mentorship], Day.AddDays(10)),
        new PilotStarted("demo", Day.AddDays(20), Day.AddDays(27)),
        new PilotCompleted(Day.AddDays(27), 5, "great", null),
        new MouSigned(Day.AddDays(40), Day.AddDays(45), Day.AddYears(2), new Commitments(1, 1, 1, false), [], []),
        new ContactDeparted(Guid.NewGuid(), ContactRole.Champion, Day.AddDays(60), null, "Neon Ltd"),
    ];

    [Fact]
    public void A_recruited_partner_has_its_milestones_days_to_mou_and_departures()
    {
        var story = PartnerStory.Tell(Guid.NewGuid(), Recruited, "Old Friend Ltd");

        story.Outcome.ShouldBe(StoryOutcome.Recruited);
        story.Channel.ShouldBe(RecruitmentChannel.PartnerReferral);
        story.ReferredByPartnerId.ShouldBe(Referrer);
        story.Milestones.ShouldBe([
            new Milestone(Stage.Prospect, Day), new Milestone(Stage.Contacted, Day.AddDays(2)), new Milestone(Stage.Pitched, Day.AddDays(10)),
            new Milestone(Stage.Piloting, Day.AddDays(20)), new Milestone(Stage.Active, Day.AddDays(40)),
        ]);
        story.DaysToMou.ShouldBe(40);
        story.LossReason.ShouldBeNull();
        story.ContactsDeparted.ShouldBe(1);
        story.Narrative.ShouldBe(
            "Harbour VR was identified on 2 March 2026 through partner referral, referred by Old Friend Ltd. First contact followed on 4 March 2026. " +
            "It was pitched on 12 March 2026. A pilot ran from 22 March 2026 to 29 March 2026, rated 5 of 5. " +
            "The MOU was signed on 11 April 2026, 40 days after the partner was identified. One contact departed, the champion. It is now active.");
    }

    [Fact]
    public void A_lost_partner_says_why_and_from_where_and_a_win_back_is_in_progress()
    {
        object[] lost = [.. Recruited, new PartnershipLost(LossReason.PersonnelTurnover, null, Day.AddDays(90), Stage.Active)];

        var story = PartnerStory.Tell(Guid.NewGuid(), lost);
        story.Outcome.ShouldBe(StoryOutcome.Lost);
        story.LossReason.ShouldBe(LossReason.PersonnelTurnover);
        story.Milestones.Last().ShouldBe(new Milestone(Stage.Lost, Day.AddDays(90)));
        story.Narrative.ShouldContain("It was lost on 31 May 2026 (personnel turnover) while active. It is now lost.");

        var wonBack = PartnerStory.Tell(Guid.NewGuid(), [.. lost, new PartnershipReactivated(RecruitmentChannel.AlumniNetwork, null, Day.AddDays(120))]);
        wonBack.Outcome.ShouldBe(StoryOutcome.InProgress);
        wonBack.Milestones.Last().ShouldBe(new Milestone(Stage.Prospect, Day.AddDays(120)));
        wonBack.Narrative.ShouldEndWith("It was approached again on 30 June 2026 through alumni network. It is now prospect.");
    }

    [Fact]
    public void A_declined_pitch_is_lost_from_pitched_without_an_mou()
    {
        var story = PartnerStory.Tell(Guid.NewGuid(),
        [
            new ProspectIdentified("Nope Ltd", "x", RecruitmentChannel.Inbound, null, null, [], null, Day),
            new OutreachLogged(OutreachChannel.Phone, "call", Day),
            new PitchDelivered("v", [Offering.GuestTalk], Day.AddDays(3)),
            new PitchOutcomeRecorded(PitchOutcome.Declined, "no time", Day.AddDays(5)),
            new PartnershipLost(LossReason.DeclinedPitch, "no time", Day.AddDays(5), Stage.Pitched),
        ]);

        story.Outcome.ShouldBe(StoryOutcome.Lost);
        story.DaysToMou.ShouldBeNull();
        story.LossReason.ShouldBe(LossReason.DeclinedPitch);
        story.Narrative.ShouldContain("(declined pitch) while pitched");
    }
}
