using PartnershipLifecycle.Api.App;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Pitching;

namespace PartnershipLifecycle.Tests.App;

/// <summary>The partner page offers a form by its command's stage rule, the one the decision refuses by (StageRulesTests checks the decisions against it).</summary>
public sealed class CommandFormsTests
{
    [Fact]
    public void Every_form_of_the_partner_page_sends_a_command_with_a_stage_rule()
    {
        CommandForms.All.Where(f => !StageRules.AllowedIn.ContainsKey(f.Command)).Select(f => f.Key).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("engagement", Stage.Prospect, false)]
    [InlineData("engagement", Stage.Active, true)]
    [InlineData("pitch", Stage.Lost, false)]
    [InlineData("pitch", Stage.Prospect, false)]
    [InlineData("pitch", Stage.Contacted, true)]
    [InlineData("outreach", Stage.Active, true)]
    [InlineData("reactivate", Stage.Lost, true)]
    [InlineData("communication", Stage.Lost, false)]
    public void A_form_is_offered_where_its_command_is_allowed(string key, Stage stage, bool offered)
    {
        CommandForms.Offered(CommandForms.Find(key)!, stage).ShouldBe(offered);
    }

    [Fact]
    public void The_engagement_and_pitch_forms_follow_the_decisions_table()
    {
        Enum.GetValues<Stage>().Where(s => CommandForms.Offered(CommandForms.Find("engagement")!, s))
            .ShouldBe(StageRules.AllowedIn[typeof(RecordEngagement)], ignoreOrder: true);
        Enum.GetValues<Stage>().Where(s => CommandForms.Offered(CommandForms.Find("pitch")!, s))
            .ShouldBe(StageRules.AllowedIn[typeof(DeliverPitch)], ignoreOrder: true);
    }
}
