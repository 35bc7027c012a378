using Marten;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>Commands racing on one partner: none is lost without If-Match; exactly one wins with it.</summary>
public class ConcurrencyTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const int Parallel = 16;

    [Fact]
    public async Task Writers_to_one_partner_take_turns_so_none_loses_an_append_and_is_retried()
    {
        var id = await NewPartner();
        var traces = Enumerable.Range(0, 8).Select(_ => Fixture.Telemetry.Watch()).ToArray();

        await Task.WhenAll(traces.Select((trace, i) => Coordinator.Post($"/api/partners/{id}/communications",
            new { channel = "email", direction = "outbound", summary = $"turn {i}", occurredOn = Today }, 200, TelemetryCapture.Traced(trace))));

        // A lost optimistic append is logged by Wolverine as a failed invocation before it is retried; it also
        // burns event sequence numbers that hold every read model back.
        var logs = (await Task.WhenAll(traces.Select(Fixture.Telemetry.LogsOf))).SelectMany(l => l);
        logs.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => $"{l.Category}: {l.Message}").ShouldBeEmpty();
    }

    [Fact]
    public async Task Sixteen_parallel_commands_without_if_match_all_land()
    {
        var id = await NewPartner();

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i =>
            Coordinator.Post($"/api/partners/{id}/communications",
                new { channel = "email", direction = "outbound", summary = $"update {i}", occurredOn = Today }, 200)));

        answers.Select(a => a.Json()["version"]!.GetValue<long>()).Order().ShouldBe(Enumerable.Range(2, Parallel).Select(v => (long)v));
        await using var session = Store.QuerySession(Tenant);
        var events = await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken);
        events.Count.ShouldBe(1 + Parallel);
        events.Skip(1).Select(e => ((dynamic)e.Data).Summary as string).Order().ShouldBe(
            Enumerable.Range(0, Parallel).Select(i => $"update {i}").Order());
    }

    [Fact]
    public async Task Sixteen_parallel_commands_with_the_same_if_match_one_wins_the_rest_get_412()
    {
        var id = await NewPartner();

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", "Bearer " + Fixture.TokenFor(Tenant, "coordinator"));
            s.WithRequestHeader("If-Match", "\"1\"");
            s.Post.Json(new { channel = "email", direction = "outbound", summary = $"update {i}", occurredOn = Today })
                .ToUrl($"/api/partners/{id}/communications");
            s.IgnoreStatusCode();
        })));

        var statuses = answers.Select(a => a.Context.Response.StatusCode).ToArray();
        statuses.Count(s => s == 200).ShouldBe(1);
        statuses.Count(s => s == 412).ShouldBe(Parallel - 1);

        await using var session = Store.QuerySession(Tenant);
        (await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken)).Count.ShouldBe(2);
    }
}
