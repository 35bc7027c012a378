using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;

namespace PartnershipLifecycle.Benchmarks.Reporting;

/// <summary>What the run ran on: hardware, operating system, runtime, PostgreSQL and its durability settings, commit.</summary>
public static class MachineInfo
{
    public static async Task<IReadOnlyList<(string Name, string Value)>> DescribeAsync(string postgres, string repositoryRoot)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?";
        var memoryKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME="))?.Split('=', 2)[1].Trim('"') ?? "?"
            : RuntimeInformation.OSDescription;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "?";

        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        async Task<string> Show(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (await command.ExecuteScalarAsync())?.ToString() ?? "?";
        }

        var version = (await Show("show server_version")).Split(' ')[0];
        var settings = new List<string>();
        foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers", "max_connections" })
        {
            settings.Add($"{name}={await Show($"show {name}")}");
        }

        return
        [
            ("machine", $"{cpu}, {Environment.ProcessorCount} cores, {memoryKb / 1024 / 1024.0:0} GiB RAM; {os}, Linux {kernel}"),
            (".NET", RuntimeInformation.FrameworkDescription),
            ("PostgreSQL", $"{version}, a private cluster on the same machine (loopback TCP); {string.Join(", ", settings)}"),
            ("commit", Git(repositoryRoot, "rev-parse --short HEAD") + (Git(repositoryRoot, "status --porcelain --untracked-files=no -- . \":(exclude)*.md\"").Length > 0 ? " (with uncommitted changes to the code)" : "")),
        ];
    }

    private static string Git(string folder, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", $"-C \"{folder}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
