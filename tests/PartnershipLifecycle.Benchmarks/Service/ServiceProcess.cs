using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnershipLifecycle.Benchmarks.Service;

/// <summary>
/// The real host as a child process: the Release build of src/PartnershipLifecycle.Api, Production environment
/// (pre-generated Wolverine code, Balanced durability), JWT signing key and connection string from the
/// environment, listening on a free loopback port. Its console goes straight to a log file (through the shell's
/// redirection, so the load generator never reads it); its pid is written where ./bench.sh can stop it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string SigningKey = "benchmark-only-signing-key-0123456789-abcdef";

    private readonly Process _process;

    private ServiceProcess(Process process, Uri address, string log)
    {
        _process = process;
        Address = address;
        Log = log;
    }

    public Uri Address { get; }
    public string Log { get; }
    public int Pid => _process.Id;

    /// <param name="environment">Production (the pre-generated code, as operators run it); Development only for what needs its
    /// sign-in page (the web app's timings).</param>
    public static async Task<ServiceProcess> StartAsync(string apiFolder, string connectionString, string workFolder, TimeSpan readyWithin,
        string environment = "Production")
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var log = Path.Combine(workFolder, "service.log");
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = apiFolder,
            UseShellExecute = false,
            ArgumentList = { "-c", "exec dotnet \"$0\" --urls \"$1\" >>\"$SERVICE_LOG\" 2>&1", Path.Combine(apiFolder, "PartnershipLifecycle.Api.dll"), address.ToString().TrimEnd('/') },
        };
        start.Environment["SERVICE_LOG"] = log;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Auth__SigningKey"] = SigningKey;
        start.Environment["ConnectionStrings__Marten"] = connectionString;
        // The benchmark is one caller sending hundreds of commands a second: the per-caller limits would measure themselves.
        start.Environment["RateLimits__Enabled"] = "false";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service.");
        await File.WriteAllTextAsync(Path.Combine(workFolder, "service.pid"), process.Id.ToString());
        var service = new ServiceProcess(process, address, log);
        await service.WaitUntilReadyAsync(readyWithin);
        return service;
    }

    /// <summary>Peak and current resident set of the process (VmHWM, VmRSS), in MiB.</summary>
    public (double PeakMiB, double NowMiB) Memory()
    {
        var status = File.ReadAllLines($"/proc/{Pid}/status");
        double Read(string key) => double.Parse(status.First(l => l.StartsWith(key + ":")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        return (Read("VmHWM"), Read("VmRSS"));
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited ({_process.ExitCode}) before it was ready; see {Log}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The service was not ready within {within.TotalSeconds} s; see {Log}.");
    }

    /// <summary>SIGTERM, as a deployment stops it; killed if it has not stopped in 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
