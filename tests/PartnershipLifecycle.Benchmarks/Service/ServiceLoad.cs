using PartnershipLifecycle.Benchmarks.Measuring;
using PartnershipLifecycle.Benchmarks.Workload;

namespace PartnershipLifecycle.Benchmarks.Service;

/// <summary>
/// 3. The service: the command mix over real HTTP against the running host, on the seeded active partners.
/// Each worker owns its share of the partners (worker w: partners w, w + c, w + 2c, ...), as coordinators each
/// look after their own, so no two commands race on one partner and every command is one the stage allows.
/// </summary>
public sealed class ServiceLoad(ServiceClient client, IReadOnlyList<PartnerSlot> slots)
{
    public Task<LoadResult> RunAsync(int concurrency, TimeSpan warmup, TimeSpan window)
    {
        var mine = Enumerable.Range(0, concurrency).Select(w => slots.Where((_, i) => i % concurrency == w).ToArray()).ToArray();
        var randoms = Enumerable.Range(0, concurrency).Select(w => new Random(2000 + w)).ToArray();
        return LoadRunner.ClosedLoop(concurrency, warmup, window, async (worker, ct) =>
        {
            var random = randoms[worker];
            var slot = mine[worker][random.Next(mine[worker].Length)];
            var step = CommandMix.Next(slot, random, PartnerHistories.Today);
            var version = await client.SendAsync(slot, step, ct);
            if (version is null)
            {
                return false;
            }

            step.Accept();
            slot.Version = version.Value;
            return true;
        });
    }
}
