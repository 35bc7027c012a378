using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Evaluating;

public class RecordEvaluationDecisionTests
{
    [Fact]
    public void An_evaluation_keeps_the_four_scores_and_the_partner_its_mean()
    {
        var decision = RecordEvaluationEndpoint.Decide(Given.InStage(Stage.Paused), new RecordEvaluation(" 2026 S1 ", 4, 3, 5, 2, 1, Given.Day, "mixed"));

        var recorded = decision.Events.Single().ShouldBeOfType<EvaluationRecorded>();
        recorded.ShouldBe(new EvaluationRecorded("2026 S1", 4, 3, 5, 2, 1, "mixed", Given.Day));
        Given.Evolve(Given.InStage(Stage.Paused), recorded).LatestEvaluation!.MeanScore.ShouldBe(3.5);
    }
}
