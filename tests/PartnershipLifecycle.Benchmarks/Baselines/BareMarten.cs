using Marten;
using Marten.Services;
using PartnershipLifecycle.Benchmarks.Measuring;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Benchmarks.Baselines;

/// <summary>
/// 2. Bare Marten: per operation, a session as Wolverine opens it (lightweight, tenant, correlation id, user name),
/// <c>FetchForWriting&lt;Partner&gt;</c>, one event of the command mix appended, <c>SaveChangesAsync</c>. The store is
/// configured by the service's own <see cref="PartnershipStore.ConfigureEventStore(StoreOptions, string)"/> and the partner's
/// <see cref="PartnershipLifecycle.Partners.Configuration.AddPartnerSnapshot"/>: the same serializer, conjoined
/// tenancy, Quick append, event metadata, event type names and the partner's inline snapshot (the aggregate a command
/// loads and writes), but none of the asynchronous read models, no LISTEN/NOTIFY, no Wolverine, no HTTP. Same
/// partners and mix as the service, in a database of its own.
/// </summary>
public sealed class BareMarten(string connectionString) : IDisposable
{
    private readonly DocumentStore _store = DocumentStore.For(opts =>
    {
        PartnershipStore.ConfigureEventStore(opts, connectionString);
        PartnershipLifecycle.Partners.Configuration.AddPartnerSnapshot(opts);
        opts.DisableNpgsqlLogging = true;
    });

    private IReadOnlyList<PartnerSlot> _slots = [];

    public async Task PrepareAsync(int partners, IReadOnlyList<string> tenants)
    {
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var recruited = Seeding.Recruited(partners, tenants, seed: 2);
        await Seeding.AppendAsync(_store, recruited);
        _slots = recruited.Select(r => r.Slot).ToArray();
    }

    public Task<LoadResult> RunAsync(int concurrency, TimeSpan warmup, TimeSpan window)
    {
        var mine = Enumerable.Range(0, concurrency).Select(w => _slots.Where((_, i) => i % concurrency == w).ToArray()).ToArray();
        var randoms = Enumerable.Range(0, concurrency).Select(w => new Random(1000 + w)).ToArray();
        return LoadRunner.ClosedLoop(concurrency, warmup, window, async (worker, ct) =>
        {
            var random = randoms[worker];
            var slot = mine[worker][random.Next(mine[worker].Length)];
            var step = CommandMix.Next(slot, random, PartnerHistories.Today);
            await using var session = _store.OpenSession(new SessionOptions { TenantId = slot.Tenant, Tracking = DocumentTracking.None });
            session.CorrelationId = Guid.NewGuid().ToString("N");
            session.LastModifiedBy = "bench-coordinator";
            var stream = await session.Events.FetchForWriting<Partner>(slot.Id, ct);
            if (stream.Aggregate is null)
            {
                return false;
            }

            stream.AppendOne(step.Event);
            await session.SaveChangesAsync(ct);
            step.Accept();
            return true;
        });
    }

    public void Dispose() => _store.Dispose();
}
