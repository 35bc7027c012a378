using System.Collections.Concurrent;
using System.Diagnostics;
using PartnershipLifecycle.Platform.Telemetry;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>Every query runs through MediatR, whose pipeline traces it with its name and tenant.</summary>
public class QueryTracingTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task A_query_leaves_an_activity_named_after_it_with_its_tenant()
    {
        var seen = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PartnershipTelemetry.Queries.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = seen.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var id = await NewPartner();
        await Coordinator.Get($"/api/partners/{id}");
        await Coordinator.Get($"/api/partners/{id}/story");

        var mine = seen.Where(a => (string?)a.GetTagItem("tenant.id") == Tenant).Select(a => a.DisplayName).ToArray();
        mine.ShouldContain("query GetPartner");
        mine.ShouldContain("query GetPartnerStory");
    }
}
