using System.Collections.Concurrent;
using Marten;

namespace PartnershipLifecycle.Platform.Queries;

/// <summary>
/// A query of read models the async daemon writes (asynchronous projections), which a caller who has just written
/// may ask to read only once they have caught up: <see cref="CatchUp"/> above zero makes
/// <see cref="QueryPipeline{TRequest,TResponse}"/> wait, before the handler runs, until every projection writing one of
/// <see cref="ReadModels"/> has processed the events appended so far (Marten's <c>QueryForNonStaleData</c>: the
/// shards' progress against the store's high-water mark), for at most <see cref="CatchUp"/>; past it the query reads
/// what is there (stale rather than failing). The web app asks this on the page it redirects to after a command was
/// accepted, so that the coordinator sees what they just did (an acknowledged alert gone from Today, a resolved alert
/// on the partner page); the API does not wait (its clients read <c>version</c>).
/// </summary>
public interface IReadsProjections : ITenantQuery
{
    /// <summary>How long to wait at most for the read models to catch up; zero (the default) reads them as they are.</summary>
    TimeSpan CatchUp { get; }

    /// <summary>The projected document types the query reads.</summary>
    IReadOnlyList<Type> ReadModels { get; }
}

/// <summary>The wait of <see cref="IReadsProjections"/>, per document type.</summary>
public static class ProjectionCatchUp
{
    private static readonly ConcurrentDictionary<Type, Func<IQuerySession, TimeSpan, CancellationToken, Task>> Waits = new();

    /// <summary>Waits until the projections writing <paramref name="readModel"/> have caught up, at most <paramref name="timeout"/>.</summary>
    public static Task WaitAsync(IQuerySession session, Type readModel, TimeSpan timeout, CancellationToken ct) =>
        Waits.GetOrAdd(readModel, type => typeof(ProjectionCatchUp).GetMethod(nameof(WaitFor), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).CreateDelegate<Func<IQuerySession, TimeSpan, CancellationToken, Task>>())(session, timeout, ct);

    // Marten waits when the query runs; the query itself (is there any such document?) costs one indexed probe.
    private static async Task WaitFor<T>(IQuerySession session, TimeSpan timeout, CancellationToken ct) where T : notnull =>
        await session.QueryForNonStaleData<T>(timeout, NonStaleDataTimeoutMode.ReturnStaleData).Take(1).AnyAsync(ct);
}
