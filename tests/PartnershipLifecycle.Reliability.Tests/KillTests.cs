using PartnershipLifecycle.Reliability.Tests.Support;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Reliability.Tests;

/// <summary>
/// <c>kill -9</c> of the service under load: every command it acknowledged (2xx with a version) is stored, at the
/// version it named, after a new process starts on the same database. Commands in flight at the kill had no answer
/// and may or may not have been applied; that is what Idempotency-Key is for.
/// </summary>
public sealed class KillTests
{
    [Fact]
    public async Task A_node_killed_under_load_loses_no_acknowledged_command()
    {
        var database = await TestDatabases.CreateAsync("rel_kill");
        var tenant = Node.NewTenant();
        var timeline = new Timeline();
        try
        {
            List<Guid> partners = [];
            Writers writers;
            await using (var first = await Node.StartAsync("first", database, tenant))
            {
                timeline.Say("first node ready");
                for (var i = 0; i < 6; i++)
                {
                    partners.Add(await first.NewPartner($"Kill Test Partner {i}"));
                }

                // Two clients per partner: writers take turns on a partner, so answers are under way at every moment.
                writers = new Writers(first.Http, partners, clientsPerPartner: 2);
                await writers.AcknowledgedAtLeast(150, TimeSpan.FromSeconds(60));
                timeline.Say($"{writers.Acknowledged} acknowledged: kill -9");
                await first.KillAsync();
                await writers.StopAsync();
            }

            var acknowledged = writers.Answers.Where(a => a.Acknowledged).ToList();
            acknowledged.Count.ShouldBeGreaterThanOrEqualTo(150);
            writers.Answers.ShouldContain(a => a.Status == 0, "no request met the killed node: the kill did not happen under load");

            await using var second = await Node.StartAsync("second", database, tenant);
            timeline.Say("second node ready");
            (await Stored.LostAsync(database, tenant, acknowledged)).ShouldBeEmpty("acknowledged, then lost in the kill");
            foreach (var partner in partners)
            {
                var newest = acknowledged.Where(a => a.Partner == partner).Max(a => a.Version!.Value);
                var version = long.Parse((await second.Get($"api/partners/{partner}"))["version"]!.ToString());
                version.ShouldBeGreaterThanOrEqualTo(newest, $"partner {partner} after the restart");
            }
        }
        finally
        {
            await TestDatabases.DropAsync(database);
        }
    }
}
