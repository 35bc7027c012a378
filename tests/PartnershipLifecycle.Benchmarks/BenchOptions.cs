using System.Globalization;

namespace PartnershipLifecycle.Benchmarks;

/// <summary>The command line of the benchmark program (./bench.sh passes its arguments through).</summary>
public sealed record BenchOptions
{
    public static readonly string[] Phases = ["startup", "physical", "marten", "service", "lag", "audit", "rebuild"];

    /// <summary>A connection string to the cluster's <c>postgres</c> database; each benchmark creates its own database.</summary>
    public string Postgres { get; init; } = "";
    public string RepositoryRoot { get; init; } = FindRoot();
    public string ApiFolder { get; init; } = "";
    public string WorkFolder { get; init; } = Path.Combine(Path.GetTempPath(), "partnership-bench");
    public int Rounds { get; init; } = 3;
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The command mix run against a freshly started service before any measurement of it.</summary>
    public TimeSpan ServiceWarmup { get; init; } = TimeSpan.FromSeconds(45);
    public int[] Concurrency { get; init; } = [1, 8, 32];
    public int Partners { get; init; } = 1000;
    /// <summary>A fixed rate for the lag runs instead of the sustainable rate the steps find (--lag-rate).</summary>
    public double? LagRate { get; init; }
    public TimeSpan LagDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The steps that find the sustainable rate: from this many commands/s, up by <see cref="LagFactor"/>, each this long.</summary>
    /// <summary>Unset: a tenth of bare Marten's rate (c=8) in the same round, at least 5 commands/s, so the steps fit the machine.</summary>
    public double? LagFrom { get; init; }
    public double LagFactor { get; init; } = 1.25;
    public TimeSpan LagStep { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The contended lag run: 30 % of the commands on 2 partners, up to 6 clients at once on each.</summary>
    public Service.Contention LagContention { get; init; } = new(2, 6, 0.3);
    public int AuditEvents { get; init; } = 500;
    public int AuditRequests { get; init; } = 300;
    public long RebuildEvents { get; init; } = 100_000;

    /// <summary>After the rounds, each read model rebuilt alone once (what each one costs by itself).</summary>
    public bool RebuildAlone { get; init; }
    public int ColdStarts { get; init; } = 5;
    public HashSet<string> Only { get; init; } = [.. Phases];
    public bool Quick { get; init; }

    /// <summary>The scale run instead of the others (<c>--scale</c>), at these sizes; null: the usual benchmarks.</summary>
    public Scale.ScaleOptions? Scale { get; init; }

    /// <summary>Whether to write RESULTS.md and README.md: a full run only, unless --no-write.</summary>
    public bool Write { get; init; } = true;

    public string[] Tenants { get; } = ["bench-college-1", "bench-college-2", "bench-college-3", "bench-college-4"];

    public bool Runs(string phase) => Only.Contains(phase);

    public bool IsFullRun => !Quick && Only.Count == Phases.Length && Rounds >= 3;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        if (args.Contains("--quick"))
        {
            options = options with
            {
                Quick = true, Rounds = 1, Window = TimeSpan.FromSeconds(3), Warmup = TimeSpan.FromSeconds(1), ServiceWarmup = TimeSpan.FromSeconds(10), LagDuration = TimeSpan.FromSeconds(10), LagStep = TimeSpan.FromSeconds(4),
                AuditRequests = 100, RebuildEvents = 20_000, ColdStarts = 2,
            };
        }

        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--quick" => options,
                "--postgres" => options with { Postgres = Value() },
                "--repo" => options with { RepositoryRoot = Value() },
                "--api" => options with { ApiFolder = Value() },
                "--work" => options with { WorkFolder = Value() },
                "--rounds" => options with { Rounds = Int() },
                "--seconds" => options with { Window = TimeSpan.FromSeconds(Int()) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Int()) },
                "--service-warmup" => options with { ServiceWarmup = TimeSpan.FromSeconds(Int()) },
                "--concurrency" => options with { Concurrency = [.. Value().Split(',').Select(int.Parse)] },
                "--partners" => options with { Partners = Int() },
                "--lag-rate" => options with { LagRate = Int() },
                "--lag-seconds" => options with { LagDuration = TimeSpan.FromSeconds(Int()) },
                "--lag-step-seconds" => options with { LagStep = TimeSpan.FromSeconds(Int()) },
                "--lag-from" => options with { LagFrom = Int() },
                "--audit-requests" => options with { AuditRequests = Int() },
                "--rebuild-events" => options with { RebuildEvents = Int() },
                "--rebuild-alone" => options with { RebuildAlone = true },
                "--cold-starts" => options with { ColdStarts = Int() },
                "--only" => options with { Only = [.. Value().Split(',').Select(p => Phases.Contains(p) ? p : throw new ArgumentException($"--only: unknown '{p}'; one of {string.Join(", ", Phases)}."))] },
                "--no-write" => options with { Write = false },
                "--scale" => options with { Scale = options.Scale ?? new() },
                "--scale-events" => options with { Scale = (options.Scale ?? new()) with { Events = long.Parse(Value(), CultureInfo.InvariantCulture) } },
                "--scale-tenants" => options with { Scale = (options.Scale ?? new()) with { Tenants = Int() } },
                "--scale-partners" => options with { Scale = (options.Scale ?? new()) with { LargePartners = Int() } },
                "--scale-reference-partners" => options with { Scale = (options.Scale ?? new()) with { ReferencePartners = Int() } },
                "--scale-samples" => options with { Scale = (options.Scale ?? new()) with { Samples = Int() } },
                "--scale-append-seconds" => options with { Scale = (options.Scale ?? new()) with { AppendWindow = TimeSpan.FromSeconds(Int()) } },
                "--help" or "-h" => throw new HelpRequested(),
                var unknown => throw new ArgumentException($"Unknown argument '{unknown}'; see --help."),
            };
        }

        if (string.IsNullOrWhiteSpace(options.Postgres))
        {
            throw new ArgumentException("--postgres <connection string to the cluster's postgres database> is required (./bench.sh passes it).");
        }

        return string.IsNullOrEmpty(options.ApiFolder)
            ? options with { ApiFolder = Path.Combine(options.RepositoryRoot, "src", "PartnershipLifecycle.Api", "bin", "Release", "net10.0") }
            : options;
    }

    public const string Usage = """
        ./bench.sh [options]   (the program: dotnet PartnershipLifecycle.Benchmarks.dll --postgres <cs> [options])
          --quick                 one short round of everything (3 s windows, 4 s lag steps, 10 s lag runs, 20,000 events to rebuild); writes nothing
          --only a,b              only these: startup, physical, marten, service, lag, audit, rebuild (writes nothing)
          --rounds n              rounds of each measurement (3)
          --seconds s, --warmup s measured window and warm-up of each load (10, 3)
          --service-warmup s      the command mix against the fresh service before it is measured (45)
          --concurrency 1,8,32    concurrency levels of benchmarks 1-3
          --partners n            partners the command mix runs on (1000)
          --lag-from r, --lag-step-seconds s   the sustainable-rate steps: from r commands/s (a tenth of bare Marten's c=8 rate), up by 1.25x, s seconds each (8)
          --lag-seconds s         the lag runs at the sustainable rate, uncontended and contended (20)
          --lag-rate r            run the lag runs at r commands/s instead of finding the sustainable rate
          --audit-requests n      requests per audit read round (300)
          --rebuild-events n      events in the rebuild store (100000)
          --rebuild-alone         after the rebuild rounds, each read model rebuilt alone once (printed, not written)
          --cold-starts n         starts measured by build/cold-start.sh (5)
          --no-write              print the table only; a full run otherwise updates RESULTS.md and README.md
          --scale                 the scale run instead (issue 16; RESULTS.md, "Scale"): a reference store of 1,000 partners in one
                                  institution against a store of 10,000 partners in one institution and 10,000,000 events over 300
                                  tenants; lists and filters p50/p95, /history and ?asOf= of a 500-event partner, appends, rebuild,
                                  size. About an hour at the default sizes on 2 cores; writes RESULTS.md only at them. Sizes (any implies --scale):
          --scale-events n        events in the large store (10000000); e.g. 100000 for a check
          --scale-tenants n       tenants of the large store (300)
          --scale-partners n      active partners of the measured institution in the large store (10000)
          --scale-reference-partners n   active partners of the reference institution (1000)
          --scale-samples n       requests of each read (200); --scale-append-seconds s: the appends' window (20)
        """;

    public sealed class HelpRequested : Exception;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartnershipLifecycle.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
