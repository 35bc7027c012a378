using System.Diagnostics;
using System.Globalization;

namespace PartnershipLifecycle.Benchmarks.Measuring;

/// <summary>
/// How busy the machine was during a measurement, and how much of that was not ours: the CPU time of every
/// process (from /proc/stat) less that of this process, the service under test and our PostgreSQL cluster
/// (its postmaster and children). Other work on a shared machine shows up as <see cref="ForeignCores"/>.
/// </summary>
public sealed class MachineLoad
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly Dictionary<int, string> _roots = new() { [Environment.ProcessId] = "load generator" };

    /// <param name="role">What the process is, for the split of <see cref="Sample.CoresByRoleSince"/>.</param>
    public void Watch(int pid, string role) => _roots[pid] = role;

    public void Forget(int pid) => _roots.Remove(pid);

    public Sample Take()
    {
        var byRole = OurTicksByRole();
        return new(Stopwatch.GetTimestamp(), TotalBusyTicks(), byRole.Values.Sum(), byRole, LoadAverage());
    }

    /// <summary>A point in time: machine-wide busy CPU ticks, ours (in all and per role), and the 1-minute load average.</summary>
    public sealed record Sample(long Timestamp, long BusyTicks, long OurTicks, IReadOnlyDictionary<string, long> OurTicksByRole, double LoadAverage1)
    {
        /// <summary>Cores busy with each of our processes (with their children) between <paramref name="earlier"/> and this sample.</summary>
        public IReadOnlyDictionary<string, double> CoresByRoleSince(Sample earlier)
        {
            var seconds = (Timestamp - earlier.Timestamp) / (double)Stopwatch.Frequency;
            return OurTicksByRole.ToDictionary(r => r.Key,
                r => seconds <= 0 ? 0 : Math.Max(0, r.Value - earlier.OurTicksByRole.GetValueOrDefault(r.Key)) / TicksPerSecond / seconds);
        }

        /// <summary>Cores busy with work that is not ours between <paramref name="earlier"/> and this sample.</summary>
        public double ForeignCoresSince(Sample earlier)
        {
            var seconds = (Timestamp - earlier.Timestamp) / (double)Stopwatch.Frequency;
            var foreign = (BusyTicks - earlier.BusyTicks) - (OurTicks - earlier.OurTicks);
            return seconds <= 0 ? 0 : Math.Max(0, foreign / TicksPerSecond / seconds);
        }

        /// <summary>Cores busy with our processes (load generator, service, PostgreSQL).</summary>
        public double OurCoresSince(Sample earlier)
        {
            var seconds = (Timestamp - earlier.Timestamp) / (double)Stopwatch.Frequency;
            return seconds <= 0 ? 0 : (OurTicks - earlier.OurTicks) / TicksPerSecond / seconds;
        }
    }

    public static string LoadAverages() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    private static long TotalBusyTicks()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        // cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields.Length > 7 ? fields[7] : 0);
    }

    /// <summary>CPU ticks of each of our root processes with all their descendants that are alive now, per role.</summary>
    private Dictionary<string, long> OurTicksByRole()
    {
        var processes = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17): comm may hold spaces. A process's own
                // time and that of its children it has reaped (PostgreSQL's backends, cold-start.sh's services).
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                processes[pid] = (int.Parse(rest[1]), long.Parse(rest[11]) + long.Parse(rest[12]) + long.Parse(rest[13]) + long.Parse(rest[14]));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }

        // Each process belongs to the role of its nearest watched ancestor (or itself).
        var byRole = _roots.Values.Distinct().ToDictionary(r => r, _ => 0L);
        foreach (var (pid, (_, ticks)) in processes)
        {
            for (int current = pid, depth = 0; depth < 64; depth++)
            {
                if (_roots.TryGetValue(current, out var role))
                {
                    byRole[role] += ticks;
                    break;
                }

                if (!processes.TryGetValue(current, out var entry) || entry.Parent == current)
                {
                    break;
                }

                current = entry.Parent;
            }
        }

        return byRole;
    }
}
