using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Agreeing;

public class MouDecisionTests
{
    private static readonly Commitments Commitments = new(12, 3, 6, true, "laptops", 5000m);

    [Fact]
    public void Signing_makes_the_partner_active_with_its_terms()
    {
        var sign = new SignMou(Given.Day, Given.Day.AddDays(14), Given.Day.AddYears(2), Commitments, ["host placements"], ["prepare students"]);

        var decision = SignMouEndpoint.Decide(Given.InStage(Stage.Piloting), sign);

        var signed = decision.Events.Single().ShouldBeOfType<MouSigned>();
        var partner = Given.Evolve(Given.InStage(Stage.Piloting), signed);
        partner.Stage.ShouldBe(Stage.Active);
        partner.ActiveMou!.Commitments.ShouldBe(Commitments);
        partner.ActiveMou.EndsOn.ShouldBe(Given.Day.AddYears(2));
    }

    [Fact]
    public void Amending_replaces_the_commitments()
    {
        var amended = new Commitments(20, 4, 6, true);
        var decision = AmendMouEndpoint.Decide(Given.InStage(Stage.Active), new AmendMou(amended, Given.Day, "second site"));

        decision.Events.ShouldBe([new MouAmended(amended, Given.Day, "second site")]);
        Given.Evolve(Given.InStage(Stage.Active), decision.Events[0]).ActiveMou!.Commitments.ShouldBe(amended);
    }

    [Fact]
    public void Renewing_moves_the_end_and_remembers_the_previous_one()
    {
        var active = Given.InStage(Stage.Active);
        var decision = RenewMouEndpoint.Decide(active, new RenewMou(active.ActiveMou!.EndsOn.AddYears(1), Given.Day));

        decision.Events.ShouldBe([new MouRenewed(active.ActiveMou.EndsOn.AddYears(1), active.ActiveMou.EndsOn, Given.Day)]);
    }

    [Fact]
    public void A_renewal_must_end_later_than_the_current_end()
    {
        var active = Given.InStage(Stage.Active);
        var decision = RenewMouEndpoint.Decide(active, new RenewMou(active.ActiveMou!.EndsOn, Given.Day));

        decision.Rejection!.Kind.ShouldBe(RejectionKind.Invalid);
        decision.Rejection.Errors!.Keys.ShouldBe(["endsOn"]);
    }
}
