using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>
/// A long-running program started the way a user starts it (<c>dotnet Program.dll</c> with environment variables),
/// for tests that must see a process, not a test host: its output is kept for the failure message, and disposing
/// it kills the whole process tree.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id (the <c>dotnet</c> host runs the program in its own process).</summary>
    public int Pid => _process.Id;

    /// <summary>Everything the program printed so far (standard output and error, interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServiceProcess Start(string dll, string arguments, IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}."));
    }

    /// <summary>A TCP port on 127.0.0.1 nothing listens on at this moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, the process exits, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited ({_process.ExitCode}) before {what}:\n{Output}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            // Another process is the one acting: there is no event to wait on, so ask again shortly.
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        throw new TimeoutException($"Not {what} within {timeout.TotalSeconds} s. Output:\n{Output}");
    }

    /// <summary>
    /// <c>kill -9</c>: SIGKILL to the process (what <see cref="Process.Kill()"/> sends on Linux), no chance to
    /// finish anything; returns once it has exited.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
