using System.Diagnostics;

namespace PartnershipLifecycle.Benchmarks.Measuring;

/// <summary>Durations in Stopwatch ticks, and their percentiles in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public void AddRange(Latencies other) => _ticks.AddRange(other._ticks);

    /// <summary>Nearest-rank percentile (<paramref name="p"/> from 0 to 1) in milliseconds; NaN when empty.</summary>
    public double PercentileMs(double p)
    {
        if (_ticks.Count == 0)
        {
            return double.NaN;
        }

        _ticks.Sort();
        var rank = (int)Math.Ceiling(p * _ticks.Count);
        return ToMs(_ticks[Math.Clamp(rank - 1, 0, _ticks.Count - 1)]);
    }

    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

public static class Median
{
    public static double Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
