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
    [InlineData("pitchOutcome", Stage.Pitched, true)]
    [InlineData("pitchOutcome", Stage.Contacted, false)]
    [InlineData("pilot", Stage.Pitched, true)]
    [InlineData("completePilot", Stage.Piloting, true)]
    [InlineData("completePilot", Stage.Active, false)]
    [InlineData("evaluation", Stage.Paused, true)]
    [InlineData("evaluation", Stage.Prospect, false)]
    [InlineData("amendMou", Stage.Active, true)]
    [InlineData("renewMou", Stage.Pitched, false)]
    [InlineData("contactRole", Stage.Prospect, true)]
    [InlineData("contactRole", Stage.Lost, false)]
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

    [Fact]
    public void One_line_text_fields_take_at_most_a_name_and_other_fields_have_no_limit()
    {
        var fields = CommandForms.All.Append(CommandForms.NewPartner).SelectMany(f => f.Fields).ToArray();
        fields.Where(f => f.Kind == FieldKind.Text).ShouldAllBe(f => f.MaxLength == PartnershipLifecycle.Platform.Validation.Limits.Name);
        fields.Where(f => f.Kind != FieldKind.Text).ShouldAllBe(f => f.MaxLength == null);
        CommandForms.NewPartner.Fields.Single(f => f.Name == "referredByPartnerId").Kind.ShouldBe(FieldKind.Partner);
    }

    [Theory]
    [InlineData("active", "active")]
    [InlineData("a\u202Eb\u0000", "aU+202EbU+0000")]
    [InlineData("\u2067x\u200F", "U+2067xU+200F")]
    [InlineData("🏭", "🏭")]
    public void A_value_the_user_sent_is_shown_without_its_control_characters(string escaped, string shown)
    {
        AppPageModel.Shown(System.Text.RegularExpressions.Regex.Unescape(escaped)).ShouldBe(shown);
    }

    [Fact]
    public void A_long_value_is_cut()
    {
        AppPageModel.Shown(new string('x', 100)).ShouldBe(new string('x', 40) + "…");
    }
}
