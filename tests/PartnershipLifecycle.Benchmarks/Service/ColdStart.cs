using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PartnershipLifecycle.Benchmarks.Service;

/// <summary>
/// 7. Start-up, measured by the project's own build/cold-start.sh on the Release build: from process start to the
/// first 200 of <c>/health/ready</c>, and to the first command answered, in the Production environment against a
/// database whose schema exists (as when a deployed service restarts). The operating system's file cache is warm
/// after the first run, as it is on a restart.
/// </summary>
public static partial class ColdStart
{
    public sealed record Run(double ReadyMs, double FirstCommandMs);

    public static async Task<IReadOnlyList<Run>> MeasureAsync(string repositoryRoot, string apiFolder, string connectionString, int runs, string log)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(repositoryRoot, "build", "cold-start.sh"), apiFolder, runs.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Marten"] = connectionString;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await File.WriteAllTextAsync(log, output + await errors);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build/cold-start.sh failed ({process.ExitCode}); see {log}.");
        }

        return RunLine().Matches(output).Select(m => new Run(double.Parse(m.Groups[1].Value), double.Parse(m.Groups[2].Value))).ToArray();
    }

    [GeneratedRegex(@"run \d+: ready after (\d+) ms, first command answered after (\d+) ms")]
    private static partial Regex RunLine();
}
