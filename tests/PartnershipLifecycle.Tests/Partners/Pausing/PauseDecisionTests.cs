using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Pausing;

public class PauseDecisionTests
{
    [Fact]
    public void Pause_and_resume_go_between_active_and_paused()
    {
        var paused = Given.Evolve(Given.InStage(Stage.Active),
            PausePartnershipEndpoint.Decide(Given.InStage(Stage.Active), new PausePartnership("busy season", Given.Day)).Events.Single());
        paused.Stage.ShouldBe(Stage.Paused);
        paused.Pause!.Reason.ShouldBe("busy season");

        var resumed = Given.Evolve(paused, ResumePartnershipEndpoint.Decide(paused, new ResumePartnership(Given.Day.AddDays(40))).Events.Single());
        resumed.Stage.ShouldBe(Stage.Active);
        resumed.Pause.ShouldBeNull();
        resumed.ActiveMou.ShouldNotBeNull();
    }
}
