using PartnershipLifecycle.Reliability.Tests.Support;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Reliability.Tests;

/// <summary>
/// PostgreSQL restarted under load, fast (sessions ended, clean stop) and then immediate (server processes killed,
/// recovery from the log at start): no answer is a 500, a 503 carries <c>Retry-After</c>, the service answers
/// commands again without being restarted, its readiness check recovers, and nothing acknowledged is lost.
/// </summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task A_restart_of_PostgreSQL_under_load_answers_no_500_and_the_service_recovers()
    {
        var database = await TestDatabases.CreateAsync("rel_restart");
        var tenant = Node.NewTenant();
        var timeline = new Timeline();
        try
        {
            // The test cluster runs with synchronous_commit=off, which an immediate stop punishes by design (the last
            // commits before it are gone); the service's own sessions commit as production does.
            await using var node = await Node.StartAsync("node", database + ";Options=-c synchronous_commit=on", tenant);
            timeline.Say("node ready");
            List<Guid> partners = [];
            for (var i = 0; i < 4; i++)
            {
                partners.Add(await node.NewPartner($"Restart Test Partner {i}"));
            }

            var writers = new Writers(node.Http, partners, clientsPerPartner: 2, withReads: true);
            var readiness = new List<int>();
            foreach (var mode in new[] { "fast", "immediate" })
            {
                await writers.AcknowledgedAtLeast(writers.Acknowledged + 60, TimeSpan.FromSeconds(60));
                timeline.Say($"{writers.Acknowledged} acknowledged: pg_ctl restart -m {mode}");
                await TestCluster.RestartAsync(mode);
                timeline.Say($"PostgreSQL accepts connections again");
                // Recovered: commands are acknowledged again, and the readiness check says so.
                await writers.AcknowledgedAtLeast(writers.Acknowledged + 60, TimeSpan.FromSeconds(60));
                await node.Process.WaitUntil(async () =>
                {
                    using var ready = await node.Http.GetAsync("health/ready");
                    readiness.Add((int)ready.StatusCode);
                    return ready.IsSuccessStatusCode;
                }, TimeSpan.FromSeconds(30), $"ready after the {mode} restart");
                timeline.Say($"{writers.Acknowledged} acknowledged, ready");
            }

            await writers.StopAsync();

            var answers = writers.Answers.ToList();
            answers.Where(a => a.Status >= 500 && a.Status != 503).ShouldBeEmpty("5xx other than 503 during the restarts");
            answers.Where(a => a.Status == 503 && a.RetryAfter is null).ShouldBeEmpty("503 without Retry-After");
            answers.Where(a => a.Status is > 0 and (< 200 or >= 300) and not 503).ShouldBeEmpty("refusals of valid commands and reads");
            answers.ShouldNotContain(a => a.Status == 0, "the service itself stayed up");
            (await Stored.LostAsync(database, tenant, answers)).ShouldBeEmpty("acknowledged, then lost in a restart");
            timeline.Say(
                $"{answers.Count(a => a.Acknowledged)} acknowledged, {answers.Count(a => a.Status == 503)} answered 503; readiness answers {string.Join(",", readiness)}");
        }
        finally
        {
            await TestDatabases.DropAsync(database);
        }
    }
}
