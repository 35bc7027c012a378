using Marten;
using PartnershipLifecycle.Partners;

namespace PartnershipLifecycle.Benchmarks.Workload;

/// <summary>Writes partner histories straight into an event store, many streams per transaction, several at once.</summary>
public static class Seeding
{
    /// <summary><paramref name="count"/> active partners spread over <paramref name="tenants"/>, six events each.</summary>
    public static IReadOnlyList<(PartnerSlot Slot, List<object> Events)> Recruited(int count, IReadOnlyList<string> tenants, int seed)
    {
        var random = new Random(seed);
        var start = PartnerHistories.Today.AddDays(-60);
        return Enumerable.Range(0, count).Select(i =>
        {
            var slot = new PartnerSlot(Guid.CreateVersion7(), tenants[i % tenants.Count], $"Partner {i:00000} {seed} Ltd");
            return (slot, PartnerHistories.Recruit(slot, random, start));
        }).ToArray();
    }

    /// <summary>A partner recruited and then living <paramref name="events"/> events in all, over the days up to today.</summary>
    public static (PartnerSlot Slot, List<object> Events) Lived(string tenant, string name, int events, Random random)
    {
        var slot = new PartnerSlot(Guid.CreateVersion7(), tenant, name);
        var today = PartnerHistories.Today;
        var day = today.AddDays(-events - 60);
        var history = PartnerHistories.Recruit(slot, random, day);
        day = day.AddDays(30);
        while (history.Count < events)
        {
            day = day.AddDays(random.Next(3)) is var next && next > today ? today : next;
            history.Add(PartnerHistories.Next(slot, random, day));
        }

        return (slot, history);
    }

    /// <summary>Appends the histories as new streams, <paramref name="perTransaction"/> streams to a session, <paramref name="parallelism"/> sessions at once.</summary>
    public static async Task<long> AppendAsync(IDocumentStore store, IReadOnlyList<(PartnerSlot Slot, List<object> Events)> streams, int perTransaction = 50, int parallelism = 4)
    {
        var batches = streams.GroupBy(s => s.Slot.Tenant).SelectMany(tenant => tenant.Chunk(perTransaction)).ToArray();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (batch, ct) =>
        {
            await using var session = store.LightweightSession(batch[0].Slot.Tenant);
            session.LastModifiedBy = "bench-seed";
            foreach (var (slot, events) in batch)
            {
                session.Events.StartStream<Partner>(slot.Id, events);
            }

            await session.SaveChangesAsync(ct);
        });
        return streams.Sum(s => (long)s.Events.Count);
    }
}
