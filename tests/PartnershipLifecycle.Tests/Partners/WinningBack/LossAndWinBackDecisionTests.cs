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

    [Theory]
    [InlineData(Stage.Prospect, LossReason.MouExpired, false)]
    [InlineData(Stage.Pitched, LossReason.MouExpired, false)]
    [InlineData(Stage.Active, LossReason.MouExpired, true)]
    [InlineData(Stage.Paused, LossReason.MouExpired, true)]
    [InlineData(Stage.Contacted, LossReason.DeclinedPitch, false)]
    [InlineData(Stage.Pitched, LossReason.DeclinedPitch, true)]
    [InlineData(Stage.Active, LossReason.DeclinedPitch, true)]
    [InlineData(Stage.Prospect, LossReason.Other, true)]
    public void A_reason_the_partners_story_cannot_bear_out_is_refused_naming_the_reason(Stage stage, LossReason reason, bool accepted)
    {
        var decision = MarkPartnershipLostEndpoint.Decide(Given.InStage(stage), new MarkPartnershipLost(reason, Given.Day));

        decision.IsAccepted.ShouldBe(accepted);
        if (!accepted)
        {
            decision.Rejection!.Errors!.Keys.ShouldBe(["reason"]);
        }
    }

    [Fact]
    public void After_a_win_back_an_earlier_pitch_no_longer_bears_out_declined_pitch()
    {
        var lost = Given.Evolve(Given.InStage(Stage.Pitched), new PartnershipLost(LossReason.CapacityChange, null, Given.Day, Stage.Pitched));
        var back = Given.Evolve(lost, new PartnershipReactivated(RecruitmentChannel.AlumniNetwork, null, Given.Day.AddDays(90)));

        MarkPartnershipLostEndpoint.Decide(back, new MarkPartnershipLost(LossReason.DeclinedPitch, Given.Day.AddDays(91))).IsAccepted.ShouldBeFalse();
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
