using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Auditing;

public class StoryEndpointTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task The_story_of_a_recruited_partner()
    {
        var id = await PartnerAt(Stage.Active);

        var story = (await As(Roles.Auditor).Get($"/api/partners/{id}/story")).Json();
        story["outcome"]!.GetValue<string>().ShouldBe("recruited");
        story["channel"]!.GetValue<string>().ShouldBe("chamber_of_commerce");
        story["milestones"]!.AsArray().Select(m => m!["stage"]!.GetValue<string>()).ShouldBe(["prospect", "contacted", "pitched", "active"]);
        story["daysToMou"]!.GetValue<int>().ShouldBe(0);
        story["contactsDeparted"]!.GetValue<int>().ShouldBe(0);
        story["narrative"]!.GetValue<string>().ShouldContain("The MOU was signed on");
    }

    [Fact]
    public async Task The_story_of_a_lost_partner()
    {
        var id = await PartnerAt(Stage.Pitched);
        await Coordinator.Post($"/api/partners/{id}/pitch-outcome", new { outcome = "declined", reason = "no budget", occurredOn = Today }, 200);

        var story = (await Coordinator.Get($"/api/partners/{id}/story")).Json();
        story["outcome"]!.GetValue<string>().ShouldBe("lost");
        story["lossReason"]!.GetValue<string>().ShouldBe("declined_pitch");
        story["daysToMou"].ShouldBeNull();
        story["narrative"]!.GetValue<string>().ShouldContain("declined pitch");

        await Coordinator.Get($"/api/partners/{Guid.NewGuid()}/story", 404);
        await As(Roles.Admin, tenant: "other-" + Tenant).Get($"/api/partners/{id}/story", 404);
    }
}
