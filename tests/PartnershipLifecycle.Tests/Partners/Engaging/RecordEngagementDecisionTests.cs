using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Engaging;

public class RecordEngagementDecisionTests
{
    [Fact]
    public void An_engagement_records_students_reached_and_hours()
    {
        var decision = RecordEngagementEndpoint.Decide(Given.InStage(Stage.Piloting),
            new RecordEngagement(EngagementType.SiteVisit, Given.Day, 25, 3.5m, "studio tour"));

        decision.Events.ShouldBe([new EngagementDelivered(EngagementType.SiteVisit, Given.Day, 25, 3.5m, "studio tour")]);
    }
}
