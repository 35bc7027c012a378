using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Piloting;

public class PilotDecisionTests
{
    private static readonly DateOnly Start = Given.Day;

    [Fact]
    public void Starting_a_pilot_moves_the_partner_to_piloting()
    {
        var decision = StartPilotEndpoint.Decide(Given.InStage(Stage.Pitched), new StartPilot("VR showcase", Start, Start.AddDays(14)));

        decision.Events.ShouldBe([new PilotStarted("VR showcase", Start, Start.AddDays(14))]);
        Given.Evolve(Given.InStage(Stage.Pitched), decision.Events[0]).Stage.ShouldBe(Stage.Piloting);
    }

    [Fact]
    public void Completing_a_pilot_keeps_feedback_and_testimonial()
    {
        var decision = CompletePilotEndpoint.Decide(Given.InStage(Stage.Piloting),
            new CompletePilot(Start.AddDays(7), 5, "students were keen", "Best cohort we hosted"));

        decision.Events.ShouldBe([new PilotCompleted(Start.AddDays(7), 5, "students were keen", "Best cohort we hosted")]);
        var pilot = Given.Evolve(Given.InStage(Stage.Piloting), decision.Events[0]).Pilot!;
        pilot.Rating.ShouldBe(5);
        pilot.Testimonial.ShouldBe("Best cohort we hosted");
    }

    [Fact]
    public void A_pilot_completes_once()
    {
        var completed = Given.Evolve(Given.InStage(Stage.Piloting), new PilotCompleted(Start.AddDays(7), 4, "ok", null));
        CompletePilotEndpoint.Decide(completed, new CompletePilot(Start.AddDays(8), 4, "again")).Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
    }
}
