using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.ReachingOut;

public class LogOutreachDecisionTests
{
    private static readonly LogOutreach Call = new(OutreachChannel.Phone, "called the HR lead", Given.Day);

    [Fact]
    public void Outreach_is_logged_with_its_business_date()
    {
        var decision = LogOutreachEndpoint.Decide(Given.InStage(Stage.Prospect), Call);

        decision.Events.ShouldBe([new OutreachLogged(OutreachChannel.Phone, "called the HR lead", Given.Day)]);
    }

    [Fact]
    public void The_first_outreach_moves_a_prospect_to_contacted_and_later_ones_keep_the_stage()
    {
        var contacted = Given.Evolve(Given.InStage(Stage.Prospect), new OutreachLogged(OutreachChannel.Email, "hi", Given.Day));
        contacted.Stage.ShouldBe(Stage.Contacted);
        contacted.LastInteractionOn.ShouldBe(Given.Day);

        Given.Evolve(Given.InStage(Stage.Active), new OutreachLogged(OutreachChannel.Email, "hi", Given.Day)).Stage.ShouldBe(Stage.Active);
    }

    [Fact]
    public void A_back_dated_entry_does_not_move_the_last_interaction_back()
    {
        var partner = Given.Partner(
            new OutreachLogged(OutreachChannel.Email, "recent", Given.Day.AddDays(10)),
            new OutreachLogged(OutreachChannel.Email, "logged late", Given.Day.AddDays(2)));

        partner.LastInteractionOn.ShouldBe(Given.Day.AddDays(10));
    }
}
