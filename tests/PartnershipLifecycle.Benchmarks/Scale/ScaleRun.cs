using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Npgsql;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Benchmarks.Measuring;
using PartnershipLifecycle.Benchmarks.Reporting;
using PartnershipLifecycle.Benchmarks.Service;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Benchmarks.Scale;

/// <summary>The sizes of the scale run (<c>./bench.sh --scale</c>, issue 16 item 3).</summary>
public sealed record ScaleOptions
{
    /// <summary>Events in the large store, all tenants together.</summary>
    public long Events { get; init; } = 10_000_000;

    /// <summary>Tenants of the large store: the large institution and the others the rest of the events are spread over.</summary>
    public int Tenants { get; init; } = 300;

    /// <summary>Active partners of the large institution (the one whose lists are measured).</summary>
    public int LargePartners { get; init; } = 10_000;

    /// <summary>Active partners of the reference institution, alone in a store of its own (the 1,000-partner figures).</summary>
    public int ReferencePartners { get; init; } = 1_000;

    /// <summary>Requests of each read, one at a time, after 20 unmeasured ones.</summary>
    public int Samples { get; init; } = 200;

    /// <summary>The command mix's measured window, at concurrency 8, in each store.</summary>
    public TimeSpan AppendWindow { get; init; } = TimeSpan.FromSeconds(20);

    public static readonly ScaleOptions Default = new();

    public bool IsFull => Events >= Default.Events && LargePartners >= Default.LargePartners && Tenants >= Default.Tenants;
}

/// <summary>One store's measurements.</summary>
public sealed record StoreFigures(string Name, long Events, long Streams, int Partners, long DatabaseBytes, long EventTableBytes,
    double SeedSeconds, double RebuildEventsPerSecond, double CatchUpSeconds, LoadResult Appends, IReadOnlyDictionary<string, ReadLatency95> Reads);

/// <summary>p50 and p95 of one read, its answer size, and how many failed.</summary>
public sealed record ReadLatency95(double P50Ms, double P95Ms, long Bytes, int Failed);

/// <summary>
/// The scale run: two stores, each seeded with Marten in batches (many streams per transaction, four at once): the
/// reference (one institution of <see cref="ScaleOptions.ReferencePartners"/> active partners and a 500-event partner,
/// nothing else), and the large store (an institution of <see cref="ScaleOptions.LargePartners"/> active partners and a
/// 500-event partner, and generated lives, as the rebuild benchmark's, over <see cref="ScaleOptions.Tenants"/> tenants
/// up to <see cref="ScaleOptions.Events"/> events). In each, with the service stopped, every read model is rebuilt as
/// <c>projections --rebuild</c> does (events/s); the database's size is read; then the Release service runs on it and
/// the reads of the measured institution are timed one at a time (p50, p95), and the command mix appended at
/// concurrency 8. Each large figure is compared with the reference's.
/// </summary>
public sealed class ScaleRun(BenchOptions options, ScaleOptions scale)
{
    private const string ReferenceTenant = "scale-reference";
    private const string LargeTenant = "scale-large";

    /// <summary>The reads measured, by name: lists and filters as a client pages them (page 1 of 50; an answer not paged yet is read whole).</summary>
    private static IReadOnlyList<(string Name, Func<Guid, string> Path)> Reads(DateTimeOffset asOf) =>
    [
        ("GET /api/partners", _ => "/api/partners?page=1&pageSize=50"),
        ("GET /api/partners?stage=active", _ => "/api/partners?stage=active&page=1&pageSize=50"),
        ("GET /api/partners?sector=health", _ => "/api/partners?sector=health&page=1&pageSize=50"),
        ("GET /api/partners?channel=alumni_network", _ => "/api/partners?channel=alumni_network&page=1&pageSize=50"),
        ("GET /api/partners?band=at_risk", _ => "/api/partners?band=at_risk&page=1&pageSize=50"),
        ("GET /api/health", _ => "/api/health?page=1&pageSize=50"),
        ("GET /api/health?band=at_risk", _ => "/api/health?band=at_risk&page=1&pageSize=50"),
        ("GET /api/alerts", _ => "/api/alerts?page=1&pageSize=50"),
        ("GET /api/alerts?status=open", _ => "/api/alerts?status=open&page=1&pageSize=50"),
        ("GET /api/analytics/funnel", _ => "/api/analytics/funnel"),
        ("GET /api/analytics/channels", _ => "/api/analytics/channels"),
        ("GET /api/analytics/losses", _ => "/api/analytics/losses"),
        ("GET /api/analytics/commitments", _ => "/api/analytics/commitments?page=1&pageSize=50"),
        ("GET /api/partners/{id}/history (500 events)", id => $"/api/partners/{id}/history"),
        ("GET /api/partners/{id}?asOf= (500 events)", id => $"/api/partners/{id}?asOf={Uri.EscapeDataString(asOf.ToString("O", CultureInfo.InvariantCulture))}"),
    ];

    private static readonly HashSet<string> ListsAndFilters =
    [
        "GET /api/partners", "GET /api/partners?stage=active", "GET /api/partners?sector=health", "GET /api/partners?channel=alumni_network",
        "GET /api/partners?band=at_risk", "GET /api/health", "GET /api/health?band=at_risk", "GET /api/alerts", "GET /api/alerts?status=open",
        "GET /api/analytics/commitments",
    ];

    public async Task<int> ExecuteAsync()
    {
        var total = Stopwatch.StartNew();
        Say($"==> scale run: reference {scale.ReferencePartners:N0} partners alone; large store {scale.LargePartners:N0} partners in one institution, " +
            $"{scale.Events:N0} events over {scale.Tenants:N0} tenants; {scale.Samples} samples a read; load average {MachineLoad.LoadAverages()}");
        var reference = await MeasureStoreAsync("reference", "bench_scale_reference", ReferenceTenant, scale.ReferencePartners, filler: 0);
        var large = await MeasureStoreAsync("large", "bench_scale_large", LargeTenant, scale.LargePartners, filler: scale.Events);
        var report = Report(reference, large, total.Elapsed);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Write && scale.IsFull)
        {
            ResultsFile.Replace(Path.Combine(options.RepositoryRoot, "tests", "PartnershipLifecycle.Benchmarks", "RESULTS.md"), "bench:scale", report);
            Say("==> wrote tests/PartnershipLifecycle.Benchmarks/RESULTS.md (Scale)");
        }
        else
        {
            Say("==> not writing RESULTS.md (only a scale run at the default sizes does; --no-write stops that too)");
        }

        Say($"==> done in {total.Elapsed.TotalMinutes:0.0} min");
        return 0;
    }

    private async Task<StoreFigures> MeasureStoreAsync(string name, string database, string tenant, int partners, long filler)
    {
        var connectionString = await FreshDatabaseAsync(database);
        long events;
        long streams;
        List<PartnerSlot> slots;
        PartnerSlot audit;
        var seedWatch = Stopwatch.StartNew();
        using (var store = DocumentStore.For(opts =>
        {
            PartnershipStore.Configure(opts, connectionString, Features.All);
            opts.DisableNpgsqlLogging = true;
        }))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            Say($"==> {name}: seeding {partners:N0} active partners of {tenant} and one of {options.AuditEvents} events");
            var recruited = Seeding.Recruited(partners, [tenant], seed: 16);
            var lived = Seeding.Lived(tenant, "Audit Trail Scale Ltd", options.AuditEvents, new Random(6));
            events = await Seeding.AppendAsync(store, [.. recruited, lived], perTransaction: 100);
            streams = recruited.Count + 1;
            slots = [.. recruited.Select(r => r.Slot)];
            audit = lived.Slot;

            // The rest of the store: lives of about ten events (1M streams for 10M events), over the other tenants, in chunks.
            var random = new Random(17);
            var others = Enumerable.Range(1, Math.Max(1, scale.Tenants - 1)).Select(i => $"scale-{i:000}").ToArray();
            var lastSaid = Stopwatch.StartNew();
            while (events < filler)
            {
                var chunk = new List<(PartnerSlot, List<object>)>();
                long planned = 0;
                while (planned < 50_000 && events + planned < filler)
                {
                    var lived2 = Seeding.Lived(others[(int)(streams % others.Length)], $"Scale Partner {streams:0000000}", random.Next(6, 15), random);
                    chunk.Add(lived2);
                    planned += lived2.Events.Count;
                    streams++;
                }

                events += await Seeding.AppendAsync(store, chunk, perTransaction: 200, parallelism: 4);
                if (lastSaid.Elapsed > TimeSpan.FromSeconds(30))
                {
                    Say($"    {events:N0} of {filler:N0} events, {events / seedWatch.Elapsed.TotalSeconds:N0} events/s");
                    lastSaid.Restart();
                }
            }

            Say($"    seeded {events:N0} events in {streams:N0} streams in {seedWatch.Elapsed.TotalSeconds:N0} s; vacuum (analyze)");
            await ExecuteAsync(connectionString, "vacuum (analyze)");
        }

        var seedSeconds = seedWatch.Elapsed.TotalSeconds;
        Say($"==> {name}: rebuilding every read model ({events:N0} events), the service stopped");
        var rebuild = await RebuildAsync(connectionString, events);
        Say($"    {rebuild:N0} events/s");
        await ExecuteAsync(connectionString, "vacuum (analyze)");
        var (databaseBytes, eventBytes) = await SizesAsync(connectionString);
        Say($"    database {databaseBytes / 1e6:N0} MB, mt_events with its indexes {eventBytes / 1e6:N0} MB");

        Say($"==> {name}: starting the service");
        var service = await ServiceProcess.StartAsync(options.ApiFolder, connectionString, options.WorkFolder, TimeSpan.FromSeconds(120));
        StoreFigures figures;
        await using (service)
        {
            figures = await MeasureServiceAsync(name, connectionString, tenant, service, slots, audit, events, streams, partners, databaseBytes, eventBytes, seedSeconds, rebuild);
        }

        // The web app's pages (issue 17): its only sign-in outside Development is OpenID Connect, so a second start of the
        // same Release build in Development signs in through the development page and reads them as a coordinator.
        Say($"==> {name}: the web app's pages, the service restarted in Development for its sign-in page");
        await using (var app = await ServiceProcess.StartAsync(options.ApiFolder, connectionString, options.WorkFolder, TimeSpan.FromSeconds(240), "Development"))
        {
            using var pages = await Reader.SignedInToAppAsync(app.Address, tenant);
            foreach (var (read, path) in AppPages(slots[0].Id, audit.Id))
            {
                var latency = await pages.MeasureAsync(path, scale.Samples);
                ((Dictionary<string, ReadLatency95>)figures.Reads)[read] = latency;
                Say($"    {read}: p50 {latency.P50Ms:0.00} ms, p95 {latency.P95Ms:0.00} ms, {latency.Bytes:N0} bytes{(latency.Failed > 0 ? $", {latency.Failed} failed" : "")}");
            }
        }

        return figures;
    }

    /// <summary>The web app's pages timed by the scale run (target p95 &lt; 100 ms at 10,000 partners).</summary>
    private static IEnumerable<(string Read, string Path)> AppPages(Guid partner, Guid auditPartner) =>
    [
        ("app: /app/today", "/app/today"),
        ("app: /app/partners", "/app/partners"),
        ("app: /app/partners/{id}", $"/app/partners/{partner}"),
        ("app: /app/partners/{id} (500 events)", $"/app/partners/{auditPartner}"),
    ];

    private async Task<StoreFigures> MeasureServiceAsync(string name, string connectionString, string tenant, ServiceProcess service,
        List<PartnerSlot> slots, PartnerSlot audit, long events, long streams, int partners, long databaseBytes, long eventBytes,
        double seedSeconds, double rebuild)
    {
        var catchUp = Stopwatch.StartNew();
        await BenchRun.ProjectionsCaughtUpAsync(connectionString, TimeSpan.FromMinutes(30));
        var catchUpSeconds = catchUp.Elapsed.TotalSeconds;
        using var reader = new Reader(service.Address, tenant);
        using var client = new ServiceClient(service.Address, [tenant]);
        Say($"==> {name}: warming up ({options.ServiceWarmup.TotalSeconds:0} s of the command mix at c=8), then every read {scale.Samples} times");
        await new ServiceLoad(client, slots).RunAsync(8, options.ServiceWarmup, TimeSpan.FromSeconds(1));
        await BenchRun.ProjectionsCaughtUpAsync(connectionString, TimeSpan.FromMinutes(5));

        var reads = new Dictionary<string, ReadLatency95>();
        foreach (var (read, path) in Reads(DateTimeOffset.UtcNow))
        {
            reads[read] = await reader.MeasureAsync(path(audit.Id), scale.Samples);
            Say($"    {read}: p50 {reads[read].P50Ms:0.00} ms, p95 {reads[read].P95Ms:0.00} ms, {reads[read].Bytes:N0} bytes{(reads[read].Failed > 0 ? $", {reads[read].Failed} failed" : "")}");
        }

        var appends = await new ServiceLoad(client, slots).RunAsync(8, options.Warmup, scale.AppendWindow);
        Say($"    appends: {appends.Describe("commands/s")}");
        return new StoreFigures(name, events, streams, partners, databaseBytes, eventBytes, seedSeconds, rebuild, catchUpSeconds, appends, reads);
    }

    /// <summary>As <c>projections --rebuild</c>: one daemon, prepared for rebuilds, every projection at once; events/s.</summary>
    private static async Task<double> RebuildAsync(string connectionString, long events)
    {
        using var store = DocumentStore.For(opts =>
        {
            PartnershipStore.Configure(opts, connectionString, Features.All);
            opts.DisableNpgsqlLogging = true;
        });
        var names = store.Options.Projections.AllProjectionNames().Select(n => n.Trim('\'')).ToArray();
        using var daemon = await store.BuildProjectionDaemonAsync();
        var watch = Stopwatch.StartNew();
        await daemon.PrepareForRebuildsAsync();
        var cap = ((IEventStore)store).MaxConcurrentRebuildsPerDatabase is > 0 and var max ? max : -1;
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = cap },
            async (projection, ct) => await daemon.RebuildProjectionAsync(projection, TimeSpan.FromHours(2), ct));
        await daemon.StopAllAsync();
        return events / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(long Database, long Events)> SizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select pg_database_size(current_database()), pg_total_relation_size('{PartnershipStore.SchemaName}.mt_events')", connection);
        await using var row = await command.ExecuteReaderAsync();
        await row.ReadAsync();
        return (row.GetInt64(0), row.GetInt64(1));
    }

    private async Task<string> FreshDatabaseAsync(string name)
    {
        await ExecuteAsync(options.Postgres, $"drop database if exists {name} with (force)");
        await ExecuteAsync(options.Postgres, $"create database {name}");
        return new NpgsqlConnectionStringBuilder(options.Postgres) { Database = name, CommandTimeout = 0 }.ConnectionString;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private string Report(StoreFigures reference, StoreFigures large, TimeSpan took)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| figure | {reference.Partners:N0} partners, {reference.Events:N0} events (reference) | {large.Partners:N0} partners, {large.Events:N0} events over {scale.Tenants} tenants | ratio | target |");
        text.AppendLine("|---|---:|---:|---:|---|");
        foreach (var read in reference.Reads.Keys)
        {
            var (r, l) = (reference.Reads[read], large.Reads[read]);
            var list = ListsAndFilters.Contains(read);
            var met = l.Failed == 0 && l.P95Ms < 50 && l.P95Ms <= 1.5 * r.P95Ms;
            var target = list ? $"p95 < 50 ms and ≤ 1.5×: **{(met ? "met" : "missed")}**"
                : read.StartsWith("app: ", StringComparison.Ordinal) ? $"p95 < 100 ms: **{(l.Failed == 0 && l.P95Ms < 100 ? "met" : "missed")}**"
                : "—";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {read}: p50 / p95 (ms) | {r.P50Ms:0.0} / {r.P95Ms:0.0} | {l.P50Ms:0.0} / {l.P95Ms:0.0}{(l.Failed > 0 ? $" ({l.Failed} failed)" : "")} | {l.P95Ms / r.P95Ms:0.00}× | {target} |");
        }

        var appendRatio = large.Appends.PerSecond / reference.Appends.PerSecond;
        text.AppendLine(CultureInfo.InvariantCulture, $"| appends, command mix at c=8 (commands/s) | {reference.Appends.PerSecond:N0} | {large.Appends.PerSecond:N0} | {appendRatio:0.00}× | ≥ 0.9×: **{(appendRatio >= 0.9 ? "met" : "missed")}** |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| appends: p50 / p99 (ms) | {reference.Appends.P50Ms:0.0} / {reference.Appends.P99Ms:0.0} | {large.Appends.P50Ms:0.0} / {large.Appends.P99Ms:0.0} | {large.Appends.P99Ms / reference.Appends.P99Ms:0.00}× | — |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| rebuild of every read model (events/s) | {reference.RebuildEventsPerSecond:N0} | {large.RebuildEventsPerSecond:N0} | {large.RebuildEventsPerSecond / reference.RebuildEventsPerSecond:0.00}× | ≥ 20,000: **{(large.RebuildEventsPerSecond >= 20_000 ? "met" : "missed")}** |");
        double PerMillion(StoreFigures s, long bytes) => bytes / 1e6 / (s.Events / 1e6);
        text.AppendLine(CultureInfo.InvariantCulture, $"| database size per million events (MB) | {PerMillion(reference, reference.DatabaseBytes):N0} | {PerMillion(large, large.DatabaseBytes):N0} | {PerMillion(large, large.DatabaseBytes) / PerMillion(reference, reference.DatabaseBytes):0.00}× | — |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| mt_events with its indexes per million events (MB) | {PerMillion(reference, reference.EventTableBytes):N0} | {PerMillion(large, large.EventTableBytes):N0} | {PerMillion(large, large.EventTableBytes) / PerMillion(reference, reference.EventTableBytes):0.00}× | — |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| database size (MB) | {reference.DatabaseBytes / 1e6:N0} | {large.DatabaseBytes / 1e6:N0} | — | — |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| seeding (s), streams | {reference.SeedSeconds:N0}, {reference.Streams:N0} | {large.SeedSeconds:N0}, {large.Streams:N0} | — | — |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| the started service's catch-up after the rebuild (s) | {reference.CatchUpSeconds:0.0} | {large.CatchUpSeconds:0.0} | — | — |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Scale run of {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {took.TotalMinutes:0} min; {scale.Samples} requests of each read, one at a time; " +
            $"appends {scale.AppendWindow.TotalSeconds:0} s at c=8 after {options.Warmup.TotalSeconds:0} s; load average at the end {MachineLoad.LoadAverages()}.");
        return text.ToString();
    }

    private static void Say(string line) => Console.WriteLine(line);

    /// <summary>GETs as one member of the institution with every reading role; any answer shape (paged or not) is accepted when 200.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly HttpClient _http;
        private readonly bool _json = true;

        public Reader(Uri address, string tenant)
        {
            _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(
                new AuthSettings { SigningKey = ServiceProcess.SigningKey }, tenant, ["coordinator", "analyst", "auditor"], "bench-analyst", TimeSpan.FromHours(12)));
        }

        private Reader(HttpClient http)
        {
            _http = http;
            _json = false;
        }

        /// <summary>A coordinator of <paramref name="tenant"/> signed in to the web app through its development sign-in page (cookie session).</summary>
        public static async Task<Reader> SignedInToAppAsync(Uri address, string tenant)
        {
            var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromMinutes(2),
            };
            var form = await http.GetStringAsync("/app/sign-in");
            var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
            if (!token.Success)
            {
                throw new InvalidOperationException("The development sign-in page has no antiforgery token.");
            }

            using var signIn = await http.PostAsync("/app/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["tenant"] = tenant, ["role"] = "coordinator", ["name"] = "bench-coordinator", ["returnUrl"] = "/app/today",
                ["__RequestVerificationToken"] = token.Groups[1].Value,
            }));
            if ((int)signIn.StatusCode is not (302 or 303))
            {
                throw new InvalidOperationException($"Signing in to the web app answered {(int)signIn.StatusCode}.");
            }

            return new Reader(http);
        }

        public async Task<ReadLatency95> MeasureAsync(string path, int samples)
        {
            long bytes = 0;
            for (var i = 0; i < Math.Min(20, samples); i++)
            {
                (bytes, _) = await GetAsync(path);
            }

            var latencies = new Latencies();
            var failed = 0;
            for (var i = 0; i < samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var (size, ok) = await GetAsync(path);
                if (ok)
                {
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    bytes = size;
                }
                else
                {
                    failed++;
                }
            }

            return new ReadLatency95(latencies.PercentileMs(0.5), latencies.PercentileMs(0.95), bytes, failed);
        }

        private async Task<(long Bytes, bool Ok)> GetAsync(string path)
        {
            using var response = await _http.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"    ! GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}");
                return (body.Length, false);
            }

            if (!_json)
            {
                return (body.Length, true);
            }

            // Paged ({items, total, page, pageSize}) or not (an array or an object): either is an answer.
            using var _ = JsonDocument.Parse(body);
            return (body.Length, true);
        }

        public void Dispose() => _http.Dispose();
    }
}
