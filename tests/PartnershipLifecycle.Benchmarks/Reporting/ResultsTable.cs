using System.Text;

namespace PartnershipLifecycle.Benchmarks.Reporting;

/// <summary>The one markdown table of a run, and the few rows README.md repeats.</summary>
public static class ResultsTable
{
    public static string Render(IEnumerable<Figure> figures)
    {
        var table = new StringBuilder()
            .AppendLine("| benchmark | at | figure | median | rounds (n: min–max) | ratio to baseline (same run) | target |")
            .AppendLine("|---|---|---|---:|---|---|---|");
        foreach (var f in figures)
        {
            table.AppendLine($"| {f.Benchmark} | {f.At} | {f.Measure} | {f.Show(f.Value)} | {f.RoundsCell} | {f.RatioCell} | {f.TargetCell} |");
        }

        return table.ToString();
    }

    public static string Headline(IEnumerable<Figure> figures)
    {
        var table = new StringBuilder()
            .AppendLine("| measure | result | target |")
            .AppendLine("|---|---|---|");
        foreach (var f in figures.Where(f => f.Headline))
        {
            var ratio = f.Baselines.Count > 0 && f.Ratio is { } r ? $" ({r:0.00}× {f.Baselines[0].Name})" : "";
            table.AppendLine($"| {f.Benchmark}, {f.At}: {f.Measure} | {f.Show(f.Value)}{ratio} | {f.TargetCell} |");
        }

        return table.ToString();
    }
}
