using System.Diagnostics;
using Marten;
using PartnershipLifecycle.Benchmarks.Measuring;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Partners;

namespace PartnershipLifecycle.Benchmarks.Service;

public sealed record ReadLatency(double P50Ms, double P99Ms, int Requests, int Failed);

/// <summary>
/// 6. Audit reads of one partner with a long history, one request at a time: <c>GET /api/partners/{id}/history</c>
/// (every event with its metadata) and <c>GET /api/partners/{id}?version=n</c> for a random n of the stream (Marten
/// aggregates the events up to n live). The baseline is Marten's own read in this process, with the service's store
/// configuration: <c>FetchStreamAsync</c> and <c>AggregateStreamAsync&lt;Partner&gt;(version: n)</c>.
/// </summary>
public sealed class AuditReads(ServiceClient client, PartnerSlot partner, long streamLength, IDocumentStore martenStore)
{
    public async Task<(ReadLatency History, ReadLatency Version)> ServiceAsync(int requests)
    {
        var random = new Random(4000);
        var history = await Measure(requests, () => client.GetAsync(partner.Tenant, $"/api/partners/{partner.Id}/history", CancellationToken.None));
        var version = await Measure(requests, () => client.GetAsync(partner.Tenant, $"/api/partners/{partner.Id}?version={random.NextInt64(1, streamLength + 1)}", CancellationToken.None));
        return (history, version);
    }

    public async Task<(ReadLatency History, ReadLatency Version)> BareMartenAsync(int requests)
    {
        var random = new Random(4000);
        var history = await Measure(requests, async () =>
        {
            await using var session = martenStore.QuerySession(partner.Tenant);
            return (await session.Events.FetchStreamAsync(partner.Id)).Count == streamLength;
        });
        var version = await Measure(requests, async () =>
        {
            await using var session = martenStore.QuerySession(partner.Tenant);
            return await session.Events.AggregateStreamAsync<Partner>(partner.Id, version: random.NextInt64(1, streamLength + 1)) is not null;
        });
        return (history, version);
    }

    private static async Task<ReadLatency> Measure(int requests, Func<Task<bool>> read)
    {
        for (var i = 0; i < Math.Min(20, requests); i++)
        {
            await read();
        }

        var latencies = new Latencies();
        var failed = 0;
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            if (await read())
            {
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }
            else
            {
                failed++;
            }
        }

        return new ReadLatency(latencies.PercentileMs(0.5), latencies.PercentileMs(0.99), requests, failed);
    }
}
