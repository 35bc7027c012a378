using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.WinningBack;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.WinningBack;

public class LossAndWinBackDecisionTests
{
    [Fact]
    public void A_loss_records_the_reason_and_the_stage_it_was_lost_from()
    {
        var decision = MarkPartnershipLostEndpoint.Decide(Given.InStage(Stage.Active),
            new MarkPartnershipLost(LossReason.PersonnelTurnover, Given.Day, "champion left"));

        decision.Events.ShouldBe([new PartnershipLost(LossReason.PersonnelTurnover, "champion left", Given.Day, Stage.Active)]);
        var lost = Given.Evolve(Given.InStage(Stage.Active), decision.Events[0]);
        lost.Stage.ShouldBe(Stage.Lost);
        lost.ActiveMou.ShouldBeNull();
        lost.Loss!.FromStage.ShouldBe(Stage.Active);
    }

    [Fact]
    public void A_win_back_returns_to_prospect_keeping_contacts_and_history()
    {
        var lost = Given.Evolve(Given.InStage(Stage.Active), new PartnershipLost(LossReason.CapacityChange, null, Given.Day, Stage.Active));

        var decision = ReactivatePartnershipEndpoint.Decide(lost, new ReactivatePartnership(RecruitmentChannel.AlumniNetwork, Given.Day.AddDays(90)));

        decision.Events.ShouldBe([new PartnershipReactivated(RecruitmentChannel.AlumniNetwork, null, Given.Day.AddDays(90))]);
        var back = Given.Evolve(lost, decision.Events[0]);
        back.Stage.ShouldBe(Stage.Prospect);
        back.Loss.ShouldBeNull();
        back.Reactivations.ShouldBe(1);
        back.Contacts.Length.ShouldBe(lost.Contacts.Length);
        back.Channel.ShouldBe(RecruitmentChannel.ChamberOfCommerce);
    }
}
