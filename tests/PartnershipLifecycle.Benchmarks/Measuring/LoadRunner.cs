using System.Diagnostics;

namespace PartnershipLifecycle.Benchmarks.Measuring;

/// <summary>One measured window: operations per second and their latencies.</summary>
public sealed record LoadResult(int Concurrency, double PerSecond, double P50Ms, double P99Ms, long Completed, long Failed)
{
    public string Describe(string unit) =>
        $"c={Concurrency}: {PerSecond:N0} {unit}, p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms ({Completed:N0} done, {Failed:N0} failed)";
}

/// <summary>
/// Closed loop: <c>concurrency</c> workers, each sending its next operation when the last one answered, for a
/// warm-up and then a measured window. The rate counts operations that finished inside the window, the latencies
/// those that started inside it; at its end the workers finish what they sent (nothing is cancelled mid-flight) and stop.
/// </summary>
public static class LoadRunner
{
    /// <param name="operation">(worker, cancellation) → whether it succeeded.</param>
    public static async Task<LoadResult> ClosedLoop(int concurrency, TimeSpan warmup, TimeSpan window, Func<int, CancellationToken, Task<bool>> operation)
    {
        var begin = Stopwatch.GetTimestamp();
        var windowStart = begin + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new (Latencies Latencies, long Completed, long Failed)[concurrency];

        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var latencies = new Latencies();
            long completed = 0, failed = 0;
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= windowEnd)
                {
                    break;
                }

                var ok = await operation(worker, CancellationToken.None);
                var end = Stopwatch.GetTimestamp();
                // The rate counts what finished inside the window; latencies, what started inside it.
                if (ok && end >= windowStart && end < windowEnd)
                {
                    completed++;
                }

                if (start >= windowStart)
                {
                    if (ok)
                    {
                        latencies.Add(end - start);
                    }
                    else
                    {
                        failed++;
                    }
                }
            }

            perWorker[worker] = (latencies, completed, failed);
        })).ToArray();
        await Task.WhenAll(workers);

        var all = new Latencies();
        foreach (var (latencies, _, _) in perWorker)
        {
            all.AddRange(latencies);
        }

        var done = perWorker.Sum(w => w.Completed);
        return new LoadResult(concurrency, done / window.TotalSeconds, all.PercentileMs(0.50), all.PercentileMs(0.99), done, perWorker.Sum(w => w.Failed));
    }
}
