using System.Globalization;
using PartnershipLifecycle.Benchmarks.Measuring;

namespace PartnershipLifecycle.Benchmarks.Reporting;

/// <summary>A baseline a figure is compared with: its name and its median in the same run.</summary>
public sealed record Baseline(string Name, double Median);

/// <summary>A target of issue 8: what it says, and whether a figure's median (and ratio to its first baseline) meets it.</summary>
public sealed record Target(string Text, Func<double, double?, bool> IsMet);

/// <summary>One row of the results table: a measure, its value in every round, and its median.</summary>
public sealed record Figure(string Benchmark, string At, string Measure, IReadOnlyList<double> Rounds, string Format)
{
    public IReadOnlyList<Baseline> Baselines { get; init; } = [];
    public Target? Target { get; init; }

    /// <summary>Shown in README.md's "Performance" section too.</summary>
    public bool Headline { get; init; }

    public double Value => Median.Of(Rounds);

    public double? Ratio => Baselines.Count == 0 || Baselines[0].Median is 0 or double.NaN ? null : Value / Baselines[0].Median;

    public bool? Met => Target?.IsMet(Value, Ratio);

    public string Show(double value) => double.IsNaN(value) ? "—" : value.ToString(Format, CultureInfo.InvariantCulture);

    public string RoundsCell => Rounds.Count <= 1 ? "1 run" : $"{Rounds.Count}: {Show(Rounds.Min())}–{Show(Rounds.Max())}";

    public string RatioCell => Baselines.Count == 0
        ? "—"
        : string.Join(" · ", Baselines.Select(b => b.Median is 0 or double.NaN ? $"— {b.Name}" : $"{Value / b.Median:0.00}× {b.Name}"));

    public string TargetCell => Target is null ? "—" : $"{Target.Text}: {(Met == true ? "**met**" : "**missed**")}";
}
