using System.Diagnostics;
using System.Text.Json.Nodes;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Reliability.Tests.Support;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Reliability.Tests;

/// <summary>
/// Two nodes in Production (Balanced durability, the default <c>Nodes:*</c> settings) on one database: Wolverine
/// assigns each async projection to one node, a champion's departure raises one alert, and after <c>kill -9</c> of
/// the node running the turnover projection the other node takes its projections over within
/// <see cref="NodeSettings.TakeoverWithin"/> (10 s by default) plus the time to notice: the test allows 15 s, the
/// issue's bound, and prints what it measured.
/// </summary>
public sealed class NodesTests
{
    private const string Projections = "event-subscriptions://";

    /// <summary>Turnover alerts, the commitments ledger, persisted health and analytics.</summary>
    private const int AsyncProjections = 4;

    [Fact]
    public async Task Two_Production_nodes_run_each_projection_once_and_a_killed_nodes_projections_resume_on_the_other()
    {
        var database = await TestDatabases.CreateAsync("rel_nodes");
        var tenant = Node.NewTenant();
        var timeline = new Timeline();
        try
        {
            await using var a = await Node.StartAsync("a", database, tenant);
            await a.Process.WaitUntil(async () => (await Assignments(database)).Count(x => x.Agent.StartsWith(Projections)) == AsyncProjections,
                TimeSpan.FromSeconds(60), $"the {AsyncProjections} projections assigned");
            var nodeA = (await Assignments(database)).First().Node;
            timeline.Say($"a ready, running the projections as node {nodeA}");

            await using var b = await Node.StartAsync("b", database, tenant);
            await b.Process.WaitUntil(async () => (await Assignments(database)).Any(x => x.Agent.StartsWith(Projections) && x.Node != nodeA),
                TimeSpan.FromSeconds(60), "b running a projection");
            var assignments = await Assignments(database);
            timeline.Say("b ready; projections: " + string.Join(", ", assignments.Where(x => x.Agent.StartsWith(Projections)).Select(x => $"{Name(x.Agent)} on {(x.Node == nodeA ? "a" : "b")}")));

            // Both run: one departure, one alert of its kind (the partner's only contact left: another, no_active_contact).
            var before = await a.NewPartner("Two Nodes Partner Ltd");
            var champion = await a.NewChampion(before, "Chloe Chan");
            await b.Post($"api/partners/{before}/contacts/{champion}/departed", new { occurredOn = Dates.Today });
            await a.Process.WaitUntil(async () => (await AlertsOf(a, before)).Count > 0, TimeSpan.FromSeconds(30), "the alert with both nodes up");
            (await AlertsOf(b, before)).Count.ShouldBe(1);

            // Kill the node running the turnover alerts; a departure on the other must raise its alert there.
            var turnoverOnA = assignments.Single(x => x.Agent.StartsWith(Projections) && Name(x.Agent) == "partnerturnover").Node == nodeA;
            var (victim, survivor) = turnoverOnA ? (a, b) : (b, a);
            var victimId = turnoverOnA ? nodeA : assignments.First(x => x.Node != nodeA).Node;
            var after = await survivor.NewPartner("Survivor Partner Ltd");
            var leaving = await survivor.NewChampion(after, "Sam Leaving");
            timeline.Say($"kill -9 {victim.Name}");
            var sinceKill = Stopwatch.StartNew();
            await victim.KillAsync();
            await survivor.Post($"api/partners/{after}/contacts/{leaving}/departed", new { occurredOn = Dates.Today });
            await PollUntil(async () => (await AlertsOf(survivor, after)).Count > 0, TimeSpan.FromSeconds(60), survivor, "the alert after the kill");
            var takeover = sinceKill.Elapsed;
            await PollUntil(async () => (await Assignments(database)).Where(x => x.Agent.StartsWith(Projections)) is var running
                && running.Count() == AsyncProjections && running.All(x => x.Node != victimId),
                TimeSpan.FromSeconds(30), survivor, "every projection assigned to the survivor");
            timeline.Say($"the alert visible on {survivor.Name} {takeover.TotalSeconds:0.0} s after the kill (configured: {new NodeSettings().TakeoverWithin.TotalSeconds:0} s)");

            takeover.ShouldBeLessThan(TimeSpan.FromSeconds(15), "takeover of a killed node's projections");
            (await AlertsOf(survivor, after)).Count.ShouldBe(1);
            foreach (var node in new[] { a, b })
            {
                node.Process.Output.ShouldNotContain("ProgressionProgressOutOfOrder", customMessage: $"{node.Name} ran a projection another node ran too");
            }
        }
        finally
        {
            await TestDatabases.DropAsync(database);
        }
    }

    private static string Name(string agent) => agent.TrimEnd('/').Split('/')[^2];

    private static Task<List<(string Agent, Guid Node)>> Assignments(string database) =>
        Stored.QueryAsync(database, "select id, node_id from wolverine.wolverine_node_assignments where node_id is not null", r => (r.GetString(0), r.GetGuid(1)));

    private static async Task<List<JsonNode>> AlertsOf(Node node, Guid partner) =>
        [.. (await node.Get("api/alerts?kind=champion_departed&pageSize=200"))["items"]!.AsArray().Where(x => x!["partnerId"]!.GetValue<Guid>() == partner && x["kind"]!.GetValue<string>() == "champion_departed").Select(x => x!)];

    /// <summary>Asks every 50 ms (the measured takeover is only as fine as this) until <paramref name="condition"/> holds.</summary>
    private static async Task PollUntil(Func<Task<bool>> condition, TimeSpan within, Node node, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"Not {what} within {within.TotalSeconds} s. {node.Name}'s output:\n{node.Process.Output}");
            }

            // The other process acts; there is nothing to wait on but its answers.
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
