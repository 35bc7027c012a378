using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Communicating;

public class LogCommunicationDecisionTests
{
    [Fact]
    public void A_communication_is_an_interaction_in_either_direction()
    {
        var decision = LogCommunicationEndpoint.Decide(Given.InStage(Stage.Active),
            new LogCommunication(CommunicationChannel.Meeting, CommunicationDirection.Inbound, "they asked for more interns", Given.Day.AddDays(5)));

        decision.Events.ShouldBe([new CommunicationLogged(CommunicationChannel.Meeting, CommunicationDirection.Inbound, "they asked for more interns", Given.Day.AddDays(5))]);
        Given.Evolve(Given.InStage(Stage.Active), decision.Events[0]).LastInteractionOn.ShouldBe(Given.Day.AddDays(5));
    }
}
