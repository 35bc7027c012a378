using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

public class IfMatchTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private object Outreach => new { channel = "email", summary = "hello", occurredOn = Today };

    [Fact]
    public async Task The_current_version_applies_and_a_stale_one_is_412_writing_nothing()
    {
        var id = await NewPartner();

        var applied = await Coordinator.Post($"/api/partners/{id}/outreach", Outreach, 200, s => s.WithRequestHeader("If-Match", "\"1\""));
        applied.Header("ETag").ShouldBe("\"2\"");

        var stale = await Coordinator.Post($"/api/partners/{id}/outreach", Outreach, 412, s => s.WithRequestHeader("If-Match", "\"1\""));
        stale.Json()["currentVersion"]!.GetValue<long>().ShouldBe(2);
        (await Coordinator.Get($"/api/partners/{id}")).Json()["version"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Star_is_any_version_and_weak_tags_and_garbage_are_400_writing_nothing()
    {
        var id = await NewPartner();
        // RFC 9110 §13.1.1: If-Match compares strongly, so a weak tag never matches; it is refused, not applied (newcomer finding).
        (await Coordinator.Post($"/api/partners/{id}/outreach", Outreach, 400, s => s.WithRequestHeader("If-Match", "W/\"1\"")))
            .Json()["errors"]!["If-Match"].ShouldNotBeNull();
        (await Coordinator.Get($"/api/partners/{id}")).Json()["version"]!.GetValue<long>().ShouldBe(1);
        await Coordinator.Post($"/api/partners/{id}/outreach", Outreach, 200, s => s.WithRequestHeader("If-Match", "*"));
        (await Coordinator.Post($"/api/partners/{id}/outreach", Outreach, 400, s => s.WithRequestHeader("If-Match", "\"three\"")))
            .Json()["errors"]!["If-Match"].ShouldNotBeNull();
    }
}
