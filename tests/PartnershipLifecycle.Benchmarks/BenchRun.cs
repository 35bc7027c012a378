using System.Diagnostics;
using Marten;
using Npgsql;
using PartnershipLifecycle.Benchmarks.Baselines;
using PartnershipLifecycle.Benchmarks.Measuring;
using PartnershipLifecycle.Benchmarks.Rebuild;
using PartnershipLifecycle.Benchmarks.Reporting;
using PartnershipLifecycle.Benchmarks.Service;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Benchmarks;

/// <summary>
/// One run: start-up first (while nothing else of ours runs), then rounds of benchmarks 1–3 interleaved (each
/// round measures the physical limit, bare Marten and the service at each concurrency, one after the other, so a
/// disturbance of the shared machine hits baseline and service alike), peak memory, projection lag, audit reads,
/// and with the service stopped, the rebuild. Medians over the rounds; ratios of medians of the same run.
/// </summary>
public sealed class BenchRun(BenchOptions options)
{
    private const string Physical = "1. Physical limit (raw Npgsql)";
    private const string Bare = "2. Bare Marten";
    private const string TheService = "3. The service (HTTP)";

    /// <summary>PartnerTurnover, CommitmentLedger, Analytics.</summary>
    private const int AsyncProjections = 3;

    private readonly MachineLoad _load = new();
    private readonly Dictionary<(string, int), List<LoadResult>> _loads = [];
    private readonly List<LagResult> _lags = [];
    private readonly List<LagResult> _contendedLags = [];
    private readonly List<double> _sustainable = [];
    private readonly List<(ReadLatency History, ReadLatency Version)> _auditService = [];
    private readonly List<(ReadLatency History, ReadLatency Version)> _auditMarten = [];
    private readonly List<RebuildResult> _rebuilds = [];
    private readonly List<(string Phase, double Foreign)> _disturbance = [];
    private readonly List<string> _notes = [];
    private IReadOnlyList<ColdStart.Run> _starts = [];
    private double? _peakRssMb;
    private int _rowBytes;
    private readonly string _startedLoad = MachineLoad.LoadAverages();
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;

    public async Task<int> ExecuteAsync()
    {
        var total = Stopwatch.StartNew();
        Say($"==> benchmarks: {options.Rounds} round(s), {options.Window.TotalSeconds:0} s windows after {options.Warmup.TotalSeconds:0} s warm-up, " +
            $"concurrency {string.Join("/", options.Concurrency)}; load average {_startedLoad}");
        Say($"    service: {options.ApiFolder}; logs in {options.WorkFolder}");
        await WatchPostgresAsync();

        if (options.Runs("startup"))
        {
            await StartupAsync();
        }

        await LoadsAndServiceAsync();

        if (options.Runs("rebuild"))
        {
            await RebuildAsync();
        }

        var figures = Figures().ToArray();
        var machine = await MachineInfo.DescribeAsync(options.Postgres, options.RepositoryRoot);
        var report = Report(figures, machine, total.Elapsed);
        Console.WriteLine();
        Console.WriteLine(report);

        if (options.Write && options.IsFullRun)
        {
            var results = Path.Combine(options.RepositoryRoot, "tests", "PartnershipLifecycle.Benchmarks", "RESULTS.md");
            ResultsFile.Replace(results, "bench:results", report);
            ResultsFile.Replace(Path.Combine(options.RepositoryRoot, "README.md"), "bench:headline",
                ResultsTable.Headline(figures) + $"\n{machine[0].Value}; {_startedAt:yyyy-MM-dd}. Every figure, the baselines and the method: " +
                "[tests/PartnershipLifecycle.Benchmarks/RESULTS.md](tests/PartnershipLifecycle.Benchmarks/RESULTS.md).");
            Say("==> wrote tests/PartnershipLifecycle.Benchmarks/RESULTS.md and README.md (Performance)");
        }
        else
        {
            Say("==> not writing RESULTS.md/README.md (only a full run with 3 or more rounds does; --no-write stops that too)");
        }

        Say($"==> done in {total.Elapsed.TotalMinutes:0.0} min");
        return 0;
    }

    private async Task StartupAsync()
    {
        Say($"==> 7. start-up: build/cold-start.sh, {options.ColdStarts} starts of the Release build");
        var connectionString = await FreshDatabaseAsync("bench_cold_start");
        var before = _load.Take();
        _starts = await ColdStart.MeasureAsync(options.RepositoryRoot, options.ApiFolder, connectionString, options.ColdStarts,
            Path.Combine(options.WorkFolder, "cold-start.log"));
        Disturbance("start-up", before);
        foreach (var (run, i) in _starts.Select((r, i) => (r, i + 1)))
        {
            Say($"    start {i}: ready after {run.ReadyMs:N0} ms, first command answered after {run.FirstCommandMs:N0} ms");
        }
    }

    private async Task LoadsAndServiceAsync()
    {
        var needsService = options.Runs("service") || options.Runs("lag") || options.Runs("audit");
        await using var physical = new PhysicalLimit(await FreshDatabaseAsync("bench_physical"));
        using var bare = new BareMarten(await FreshDatabaseAsync("bench_marten"));
        if (options.Runs("physical"))
        {
            await physical.PrepareAsync();
            _rowBytes = physical.AverageRowBytes;
        }

        if (options.Runs("marten") || options.Runs("lag"))
        {
            Say($"==> 2. bare Marten: seeding {options.Partners:N0} active partners");
            await bare.PrepareAsync(options.Partners, options.Tenants);
        }

        if (!needsService)
        {
            await InterleavedRoundsAsync(physical, bare, null);
            return;
        }

        var serviceDatabase = await FreshDatabaseAsync("bench_service");
        using var serviceStore = DocumentStore.For(opts =>
        {
            PartnershipStore.Configure(opts, serviceDatabase, Features.All);
            opts.DisableNpgsqlLogging = true;
        });
        Say($"==> 3. the service: seeding {options.Partners:N0} active partners and one of {options.AuditEvents} events");
        await serviceStore.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var recruited = Seeding.Recruited(options.Partners, options.Tenants, seed: 1);
        var auditPartner = Seeding.Lived(options.Tenants[0], "Audit Trail Manufacturing Ltd", options.AuditEvents, new Random(6));
        await Seeding.AppendAsync(serviceStore, [.. recruited, auditPartner]);
        var slots = recruited.Select(r => r.Slot).ToArray();

        Say("==> starting the service (Release, Production, pre-generated code)");
        await using var service = await ServiceProcess.StartAsync(options.ApiFolder, serviceDatabase, options.WorkFolder, TimeSpan.FromSeconds(60));
        _load.Watch(service.Pid, "service");
        var ready = service.Memory().NowMiB * 1.048576;
        Say($"    pid {service.Pid} on {service.Address}, {ready:N0} MB resident when ready; waiting for the async projections to catch up with the seeded events");
        _notes.Add($"The service's resident set when it first answered ready: {ready:N0} MB.");
        await ProjectionsCaughtUpAsync(serviceDatabase, TimeSpan.FromMinutes(3));
        using var client = new ServiceClient(service.Address, options.Tenants);
        if (options.Runs("service") || options.Runs("lag"))
        {
            // A service in production has run for hours: let the JIT's tiering settle before anything is measured.
            Say($"==> warming the service up: the command mix at concurrency 8 for {options.ServiceWarmup.TotalSeconds:0} s");
            await Measured("warm-up", () => new ServiceLoad(client, slots).RunAsync(8, options.ServiceWarmup, TimeSpan.FromSeconds(1)), r => "warm");
        }

        await InterleavedRoundsAsync(physical, bare, options.Runs("service") ? new ServiceLoad(client, slots) : null);
        if (options.Runs("service"))
        {
            _peakRssMb = service.Memory().PeakMiB * 1024 * 1024 / 1_000_000;
            Say($"==> 7. peak RSS of the service after its start and benchmark 3: {_peakRssMb:N0} MB");
        }

        if (options.Runs("lag"))
        {
            var lag = new ProjectionLag(client, slots, serviceDatabase);
            for (var round = 1; round <= options.Rounds; round++)
            {
                if (!options.Runs("marten"))
                {
                    // The sustainable rate is compared with bare Marten's rate in the same run.
                    await Load(Bare, 8, "transactions/s", () => bare.RunAsync(8, options.Warmup, options.Window));
                }

                var rate = options.LagRate ?? 0;
                if (options.LagRate is null)
                {
                    var bareRate = _loads.GetValueOrDefault((Bare, 8))?.LastOrDefault()?.PerSecond ?? 400;
                    var from = Math.Round(options.LagFrom ?? Math.Max(5, bareRate / 10));
                    Say($"==> 4. projection lag, round {round}/{options.Rounds}: the sustainable rate, steps of {options.LagStep.TotalSeconds:0} s from {from:N0} commands/s up by {options.LagFactor:0.00}x until lag p99 reaches {ProjectionLag.LagTargetMs:N0} ms");
                    var before = _load.Take();
                    (rate, _) = await lag.SustainableRateAsync(from, options.LagFactor, options.LagStep,
                        () => ProjectionsCaughtUpAsync(serviceDatabase, TimeSpan.FromMinutes(2)),
                        step => Say($"    {(step.Held ? "held" : "did not hold")}: {step.Describe()}"));
                    Disturbance("lag steps", before);
                    _sustainable.Add(rate);
                    Say($"    sustainable: {rate:N0} commands/s");
                }

                if (rate <= 0)
                {
                    _notes.Add($"Round {round}: no step of the sustainable-rate search held (lag p99 < {ProjectionLag.LagTargetMs:N0} ms, every command answered at the rate sent).");
                    continue;
                }

                Say($"==> 4. projection lag, round {round}/{options.Rounds}: {rate:N0} commands/s for {options.LagDuration.TotalSeconds:0} s, uncontended");
                await ProjectionsCaughtUpAsync(serviceDatabase, TimeSpan.FromMinutes(2));
                _lags.Add(await Measured("lag", () => lag.RunAsync(rate, options.LagDuration), r => r.Describe()));
                Say($"==> 4. projection lag, round {round}/{options.Rounds}: {rate:N0} commands/s for {options.LagDuration.TotalSeconds:0} s, contended ({options.LagContention.Describe()})");
                await ProjectionsCaughtUpAsync(serviceDatabase, TimeSpan.FromMinutes(2));
                _contendedLags.Add(await Measured("lag (contended)", () => lag.RunAsync(rate, options.LagDuration, options.LagContention), r => r.Describe()));
            }
        }

        if (options.Runs("audit"))
        {
            var audit = new AuditReads(client, auditPartner.Slot, auditPartner.Events.Count, serviceStore);
            for (var round = 1; round <= options.Rounds; round++)
            {
                Say($"==> 6. audit reads, round {round}/{options.Rounds}: {options.AuditRequests} of each, one at a time, partner of {auditPartner.Events.Count} events");
                _auditService.Add(await Measured("audit (service)", () => audit.ServiceAsync(options.AuditRequests), Describe));
                _auditMarten.Add(await Measured("audit (bare Marten)", () => audit.BareMartenAsync(options.AuditRequests), Describe));
            }
        }

        var (peak, now) = service.Memory();
        _notes.Add($"The service's resident set at the end of benchmarks 3, 4 and 6: {now * 1.048576:N0} MB (peak over its whole life {peak * 1.048576:N0} MB).");
        Say("==> stopping the service");
        _load.Forget(service.Pid);
    }

    private async Task InterleavedRoundsAsync(PhysicalLimit physical, BareMarten bare, ServiceLoad? service)
    {
        if (!options.Runs("physical") && !options.Runs("marten") && service is null)
        {
            return;
        }

        // The same for the two baselines, which run in this process.
        if (options.Runs("physical"))
        {
            await physical.RunAsync(8, options.Warmup, TimeSpan.FromSeconds(1));
        }

        if (options.Runs("marten"))
        {
            await bare.RunAsync(8, options.Warmup * 2, TimeSpan.FromSeconds(1));
        }

        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var concurrency in options.Concurrency)
            {
                Say($"==> round {round}/{options.Rounds}, concurrency {concurrency}");
                if (options.Runs("physical"))
                {
                    await Load(Physical, concurrency, "transactions/s", () => physical.RunAsync(concurrency, options.Warmup, options.Window));
                }

                if (options.Runs("marten"))
                {
                    await Load(Bare, concurrency, "transactions/s", () => bare.RunAsync(concurrency, options.Warmup, options.Window));
                }

                if (service is not null)
                {
                    await Load(TheService, concurrency, "commands/s", () => service.RunAsync(concurrency, options.Warmup, options.Window));
                }
            }
        }
    }

    private async Task Load(string benchmark, int concurrency, string unit, Func<Task<LoadResult>> run)
    {
        var result = await Measured(benchmark, run, r => r.Describe(unit));
        if (!_loads.TryGetValue((benchmark, concurrency), out var list))
        {
            _loads[(benchmark, concurrency)] = list = [];
        }

        list.Add(result);
    }

    private async Task RebuildAsync()
    {
        using var rebuild = new RebuildBenchmark(await FreshDatabaseAsync("bench_rebuild"));
        Say($"==> 5. rebuild: seeding {options.RebuildEvents:N0} events");
        var (events, partners, seconds) = await rebuild.SeedAsync(options.RebuildEvents, options.Tenants);
        Say($"    {events:N0} events of {partners:N0} partners in {seconds:0.0} s");
        for (var round = 1; round <= options.Rounds; round++)
        {
            Say($"==> 5. rebuild, round {round}/{options.Rounds}: every read model");
            _rebuilds.Add(await Measured("rebuild", () => rebuild.RunAsync(), r => r.Describe()));
        }

        if (options.RebuildAlone)
        {
            foreach (var name in rebuild.ProjectionNames)
            {
                Say($"==> 5. rebuild alone: {name}");
                await Measured("rebuild", () => rebuild.RunAsync([name]), r => r.Describe());
            }
        }
    }

    private async Task<T> Measured<T>(string phase, Func<Task<T>> measure, Func<T, string> describe)
    {
        var before = _load.Take();
        var result = await measure();
        var (foreign, ours, byRole, load) = Disturbance(phase, before);
        var split = string.Join(", ", byRole.Where(r => r.Value >= 0.005).Select(r => $"{r.Key} {r.Value:0.00}"));
        Say($"    {describe(result)}  [load {load:0.00}; CPU: ours {ours:0.00} cores ({split}), other work {foreign:0.00} cores]");
        return result;
    }

    private (double Foreign, double Ours, IReadOnlyDictionary<string, double> OursByRole, double Load) Disturbance(string phase, MachineLoad.Sample before)
    {
        var after = _load.Take();
        var foreign = after.ForeignCoresSince(before);
        _disturbance.Add((phase, foreign));
        return (foreign, after.OurCoresSince(before), after.CoresByRoleSince(before), after.LoadAverage1);
    }

    private static string Describe((ReadLatency History, ReadLatency Version) r) =>
        $"history p50 {r.History.P50Ms:0.00} ms, p99 {r.History.P99Ms:0.00} ms; ?version= p50 {r.Version.P50Ms:0.00} ms, p99 {r.Version.P99Ms:0.00} ms" +
        (r.History.Failed + r.Version.Failed > 0 ? $" ({r.History.Failed + r.Version.Failed} failed)" : "");

    private IEnumerable<Figure> Figures()
    {
        foreach (var c in options.Concurrency)
        {
            var physical = _loads.GetValueOrDefault((Physical, c)) ?? [];
            var bare = _loads.GetValueOrDefault((Bare, c)) ?? [];
            var service = _loads.GetValueOrDefault((TheService, c)) ?? [];
            var at = $"c={c}";
            var physicalRate = new Figure(Physical, at, "transactions/s", [.. physical.Select(r => r.PerSecond)], "N0");
            var physicalP50 = new Figure(Physical, at, "p50 latency (ms)", [.. physical.Select(r => r.P50Ms)], "0.00");
            var bareRate = new Figure(Bare, at, "transactions/s", [.. bare.Select(r => r.PerSecond)], "N0");
            var bareP50 = new Figure(Bare, at, "p50 latency (ms)", [.. bare.Select(r => r.P50Ms)], "0.00");
            var bareP99 = new Figure(Bare, at, "p99 latency (ms)", [.. bare.Select(r => r.P99Ms)], "0.00");
            if (physical.Count > 0)
            {
                yield return physicalRate;
                yield return physicalP50;
            }

            if (bare.Count > 0)
            {
                yield return bareRate with { Baselines = Against(physicalRate, "physical") };
                yield return bareP50 with { Baselines = Against(physicalP50, "physical") };
                yield return bareP99;
            }

            if (service.Count > 0)
            {
                yield return new Figure(TheService, at, "commands/s", [.. service.Select(r => r.PerSecond)], "N0")
                {
                    Baselines = [.. Against(bareRate, "bare Marten"), .. Against(physicalRate, "physical")],
                    Target = c == 8 ? new Target("≥ 0.7× bare Marten", (_, ratio) => ratio >= 0.7) : null,
                    Headline = c == 8,
                };
                yield return new Figure(TheService, at, "p50 latency (ms)", [.. service.Select(r => r.P50Ms)], "0.00") { Baselines = Against(bareP50, "bare Marten"), Headline = c == 8 };
                yield return new Figure(TheService, at, "p99 latency (ms)", [.. service.Select(r => r.P99Ms)], "0.00") { Baselines = Against(bareP99, "bare Marten"), Headline = c == 8 };
            }
        }

        if (_sustainable.Count > 0)
        {
            var bare = _loads.GetValueOrDefault((Bare, 8)) ?? [];
            yield return new Figure("4. Projection lag", $"steps of {options.LagStep.TotalSeconds:0} s, ×{options.LagFactor:0.00}",
                "sustainable rate: commands/s with lag p99 < 500 ms", [.. _sustainable], "N0")
            {
                Baselines = Against(new Figure(Bare, "c=8", "transactions/s", [.. bare.Select(r => r.PerSecond)], "N0"), "bare Marten c=8"),
                Target = new Target("≥ 0.5× bare Marten", (_, ratio) => ratio >= 0.5), Headline = true,
            };
        }

        foreach (var (runs, how) in new[] { (_lags, "uncontended"), (_contendedLags, "contended") })
        {
            if (runs.Count == 0)
            {
                continue;
            }

            var at = $"{(options.LagRate is null ? "the sustainable rate" : $"{options.LagRate:N0} commands/s")}, {options.LagDuration.TotalSeconds:0} s, {how}";
            yield return new Figure("4. Projection lag", at, "commands/s answered", [.. runs.Select(l => l.AchievedPerSecond)], "N0");
            yield return new Figure("4. Projection lag", at, "p50 answer → visible (ms)", [.. runs.Select(l => l.P50Ms)], "0.0");
            yield return new Figure("4. Projection lag", at, "p99 answer → visible (ms)", [.. runs.Select(l => l.P99Ms)], "0.0")
            {
                Target = new Target("< 500 ms", (v, _) => v < 500), Headline = true,
            };
        }

        if (_rebuilds.Count > 0)
        {
            yield return new Figure("5. Rebuild", $"{_rebuilds[0].Events:N0} events, {_rebuilds[0].SecondsByProjection.Count} read models", "events/s", [.. _rebuilds.Select(r => r.EventsPerSecond)], "N0")
            {
                Target = new Target("≥ 20,000 events/s", (v, _) => v >= 20_000), Headline = true,
            };
        }

        if (_auditService.Count > 0)
        {
            var at = $"{options.AuditEvents}-event partner";
            Figure Read(string measure, Func<(ReadLatency History, ReadLatency Version), double> of, string baseline, bool target) =>
                new("6. Audit read", at, measure, [.. _auditService.Select(of)], "0.00")
                {
                    Baselines = _auditMarten.Count == 0 ? [] : [new Baseline(baseline, Median.Of([.. _auditMarten.Select(of)]))],
                    Target = target ? new Target("< 5 ms", (v, _) => v < 5) : null,
                    Headline = target,
                };
            yield return Read("/history p50 (ms)", r => r.History.P50Ms, "Marten FetchStream", true);
            yield return Read("/history p99 (ms)", r => r.History.P99Ms, "Marten FetchStream", false);
            yield return Read("?version= p50 (ms)", r => r.Version.P50Ms, "Marten AggregateStream", true);
            yield return Read("?version= p99 (ms)", r => r.Version.P99Ms, "Marten AggregateStream", false);
        }

        if (_starts.Count > 0)
        {
            yield return new Figure("7. Start-up", "cold start, Release", "to /health/ready (ms)", [.. _starts.Select(s => s.ReadyMs)], "N0")
            {
                Target = new Target("< 3 s", (v, _) => v < 3000), Headline = true,
            };
            yield return new Figure("7. Start-up", "cold start, Release", "to the first command answered (ms)", [.. _starts.Select(s => s.FirstCommandMs)], "N0");
        }

        if (_peakRssMb is { } peak)
        {
            yield return new Figure("7. Memory", "during 3", "peak RSS (MB)", [peak], "N0")
            {
                Target = new Target("< 300 MB", (v, _) => v < 300), Headline = true,
            };
        }
    }

    private static IReadOnlyList<Baseline> Against(Figure baseline, string name) =>
        baseline.Rounds.Count == 0 ? [] : [new Baseline(name, baseline.Value)];

    private string Report(IReadOnlyList<Figure> figures, IReadOnlyList<(string Name, string Value)> machine, TimeSpan took)
    {
        var lines = new List<string>
        {
            ResultsTable.Render(figures),
            $"Run of {_startedAt:yyyy-MM-dd HH:mm} UTC, {took.TotalMinutes:0.0} min: {options.Rounds} round(s) of {options.Window.TotalSeconds:0} s windows " +
            $"after {options.Warmup.TotalSeconds:0} s warm-up; medians over the rounds, ratios of medians.",
            "",
        };
        lines.AddRange(machine.Select(m => $"- **{m.Name}**: {m.Value}"));
        lines.Add($"- **load average** (1, 5, 15 min) at the start {_startedLoad}, at the end {MachineLoad.LoadAverages()}");
        if (_disturbance.Count > 0)
        {
            lines.Add("- **other work on the machine** (CPU not used by the load generator, the service or this PostgreSQL cluster), mean/max cores per phase: " +
                string.Join("; ", _disturbance.GroupBy(d => d.Phase).Select(g => $"{g.Key} {g.Average(d => d.Foreign):0.00}/{g.Max(d => d.Foreign):0.00}")));
        }

        if (_rowBytes > 0)
        {
            lines.Add($"- **event-sized row** of benchmark 1: {_rowBytes} bytes of JSON on average (the events of the command mix)");
        }

        if (_rebuilds.Count > 0)
        {
            lines.Add("- **rebuild rounds**: " + string.Join("; ", _rebuilds.Select(r => r.Describe())));
        }

        lines.AddRange(_notes.Select(n => $"- {n}"));
        return string.Join('\n', lines);
    }

    private async Task WatchPostgresAsync()
    {
        await using var connection = new NpgsqlConnection(options.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        var stat = await File.ReadAllTextAsync($"/proc/{backend}/stat");
        _load.Watch(int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]), "PostgreSQL");
    }

    private async Task<string> FreshDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(options.Postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"drop database if exists {name} with (force); create database {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(options.Postgres) { Database = name }.ConnectionString;
    }

    /// <summary>Waits until every asynchronous projection (a shard, named <c>Projection:All</c>) has processed every event in the store.</summary>
    internal static async Task ProjectionsCaughtUpAsync(string connectionString, TimeSpan within)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Marten's own rows (HighWaterMark, HighWaterStuckGap, ...) have no ':' in their names.
        await using var command = new NpgsqlCommand(
            $"select (select coalesce(max(seq_id), 0) from {PartnershipStore.SchemaName}.mt_events), " +
            $"(select count(*) from {PartnershipStore.SchemaName}.mt_event_progression where name like '%:%'), " +
            $"(select coalesce(min(last_seq_id), 0) from {PartnershipStore.SchemaName}.mt_event_progression where name like '%:%')", connection);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                if (reader.GetInt64(1) >= AsyncProjections && reader.GetInt64(2) >= reader.GetInt64(0))
                {
                    return;
                }
            }

            if (waited.Elapsed > within)
            {
                throw new TimeoutException($"The async projections did not catch up within {within.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }

    private static void Say(string line) => Console.WriteLine(line);
}
