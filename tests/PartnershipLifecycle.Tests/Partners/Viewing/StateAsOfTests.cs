using Marten;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Viewing;

/// <summary><c>?version=</c> and <c>?asOf=</c>: the partner as it was, by Marten's live aggregation.</summary>
public class StateAsOfTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task As_of_a_version_and_as_of_a_moment()
    {
        var id = await NewPartner();
        await Advance(id, PartnershipLifecycle.Partners.Stage.Contacted);

        await using (var session = Store.QuerySession(Tenant))
        {
            var events = await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken);
            var firstRecorded = events[0].Timestamp;
            var asOf = Uri.EscapeDataString(firstRecorded.AddTicks(10).ToString("O"));

            (await Coordinator.Get($"/api/partners/{id}?asOf={asOf}")).Json()["stage"]!.GetValue<string>().ShouldBe("prospect");
            (await Coordinator.Get($"/api/partners/{id}?asOf={Uri.EscapeDataString(firstRecorded.AddDays(-1).ToString("O"))}", 404))
                .Json()["detail"]!.GetValue<string>().ShouldContain("did not exist");
        }

        (await Coordinator.Get($"/api/partners/{id}?version=1")).Json()["stage"]!.GetValue<string>().ShouldBe("prospect");
        (await Coordinator.Get($"/api/partners/{id}?version=2")).Json()["stage"]!.GetValue<string>().ShouldBe("contacted");
        await Coordinator.Get($"/api/partners/{id}?version=3", 404);
    }

    [Fact]
    public async Task Bad_as_of_parameters_are_400()
    {
        var id = await NewPartner();
        await Coordinator.Get($"/api/partners/{id}?version=0", 400);
        await Coordinator.Get($"/api/partners/{id}?version=abc", 400);
        await Coordinator.Get($"/api/partners/{id}?asOf=yesterday", 400);
        await Coordinator.Get($"/api/partners/{id}?version=1&asOf=2026-01-01T00:00:00Z", 400);
    }
}
