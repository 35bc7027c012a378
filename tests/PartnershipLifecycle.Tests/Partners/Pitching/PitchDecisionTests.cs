using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Pitching;

public class PitchDecisionTests
{
    [Fact]
    public void A_pitch_names_its_offerings_once_and_moves_the_partner_to_pitched()
    {
        var decision = DeliverPitchEndpoint.Decide(Given.InStage(Stage.Contacted),
            new DeliverPitch("a pipeline of trained juniors", [Offering.WorkPlacement, Offering.Mentorship, Offering.WorkPlacement], Given.Day));

        var pitch = decision.Events.Single().ShouldBeOfType<PitchDelivered>();
        pitch.Offerings.ShouldBe([Offering.WorkPlacement, Offering.Mentorship]);
        Given.Evolve(Given.InStage(Stage.Contacted), pitch).Stage.ShouldBe(Stage.Pitched);
    }

    [Fact]
    public void Interest_is_recorded_and_the_partner_stays_pitched()
    {
        var decision = RecordPitchOutcomeEndpoint.Decide(Given.InStage(Stage.Pitched), new RecordPitchOutcome(PitchOutcome.Interested, Given.Day));

        decision.Events.ShouldBe([new PitchOutcomeRecorded(PitchOutcome.Interested, null, Given.Day)]);
    }

    [Fact]
    public void A_declined_pitch_also_loses_the_partner_for_declined_pitch()
    {
        var decision = RecordPitchOutcomeEndpoint.Decide(Given.InStage(Stage.Pitched),
            new RecordPitchOutcome(PitchOutcome.Declined, Given.Day, "no capacity this year"));

        decision.Events.ShouldBe([
            new PitchOutcomeRecorded(PitchOutcome.Declined, "no capacity this year", Given.Day),
            new PartnershipLost(LossReason.DeclinedPitch, "no capacity this year", Given.Day, Stage.Pitched),
        ]);
        Given.Partner([.. Given.EventsTo(Stage.Pitched), .. decision.Events]).Stage.ShouldBe(Stage.Lost);
    }
}
