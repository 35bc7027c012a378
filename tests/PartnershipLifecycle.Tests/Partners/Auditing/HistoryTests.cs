using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Auditing;

public class HistoryTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task History_holds_every_event_with_actor_and_correlation_id()
    {
        var id = await NewPartner("History Ltd", extra: new { occurredOn = Today.AddDays(-1) });
        await As(Roles.Coordinator, subject: "bob").Post($"/api/partners/{id}/outreach",
            new { channel = "phone", summary = "called the HR lead", occurredOn = Today.AddDays(-1) }, 200,
            s => s.WithRequestHeader("X-Correlation-Id", "corr-42"));

        var history = (await As(Roles.Auditor).Get($"/api/partners/{id}/history")).Json();
        history["partnerId"]!.GetValue<Guid>().ShouldBe(id);
        var events = history["events"]!.AsArray();
        events.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["prospect_identified", "outreach_logged"]);
        events.Select(e => e!["version"]!.GetValue<long>()).ShouldBe([1L, 2L]);
        events[0]!["actor"]!.GetValue<string>().ShouldBe("coordinator-1");
        events[1]!["actor"]!.GetValue<string>().ShouldBe("bob");
        events[1]!["correlationId"]!.GetValue<string>().ShouldBe("corr-42");
        events[0]!["correlationId"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        events[1]!["occurredOn"]!.GetValue<string>().ShouldBe(Today.AddDays(-1).ToString("yyyy-MM-dd"));
        events[1]!["data"]!["channel"]!.GetValue<string>().ShouldBe("phone");
        (events[1]!["sequence"]!.GetValue<long>() > events[0]!["sequence"]!.GetValue<long>()).ShouldBeTrue();
        events[0]!["recordedAt"].ShouldNotBeNull();
    }
}
