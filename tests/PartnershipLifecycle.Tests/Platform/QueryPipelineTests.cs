using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Telemetry;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// Every query runs through MediatR, whose pipeline (<see cref="QueryPipeline{TRequest,TResponse}"/>) opens the
/// query's tenant session for its handler, traces it with its name and tenant, and times it.
/// </summary>
public class QueryPipelineTests(AppFixture fixture) : IntegrationContext(fixture)
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

    [Fact]
    public async Task A_query_is_timed_by_its_type_and_outcome()
    {
        var durations = new ConcurrentBag<(double Seconds, string? Query, string? Outcome)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PartnershipTelemetry.MeterName && instrument.Name == PartnershipMetrics.QueryDuration)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            durations.Add((value, map.GetValueOrDefault("query") as string, map.GetValueOrDefault("outcome") as string));
        });
        listener.Start();

        var id = await NewPartner();
        await Coordinator.Get($"/api/partners/{id}/history");

        durations.ShouldContain(d => d.Query == "GetPartnerHistory" && d.Outcome == "ok" && d.Seconds > 0);
    }

    [Fact]
    public async Task A_handler_reads_the_session_the_pipeline_opened_for_the_querys_tenant_and_no_other()
    {
        var id = await NewPartner();
        await using var scope = Host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var ct = TestContext.Current.CancellationToken;

        (await mediator.Send(new GetPartner(Tenant, id), ct)).ShouldNotBeNull().Id.ShouldBe(id);
        (await mediator.Send(new GetPartner("t-" + Guid.NewGuid().ToString("N")[..12], id), ct)).ShouldBeNull();

        // Outside a query there is no session to read: the pipeline closed the query's when it answered.
        Should.Throw<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<TenantQuerySession>().Session);
    }
}
