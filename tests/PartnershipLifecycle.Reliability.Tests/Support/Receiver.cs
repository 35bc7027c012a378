using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnershipLifecycle.Reliability.Tests.Support;

/// <summary>One try of a delivery as the receiver saw it.</summary>
public sealed record Try(string Path, string? EventId, int Attempt, int Answered, DateTimeOffset At);

/// <summary>
/// A webhook receiver outside the service's process: Kestrel on 127.0.0.1. <c>/flaky</c> answers 500 until
/// <see cref="Accepting"/> is set and 200 after; <c>/down</c> answers 503 to every try. Every try is kept;
/// <see cref="WhenTries"/> completes when the tries of a path reach a count.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Try> _tries = new();
    private readonly object _gate = new();
    private readonly List<(string Path, int Count, TaskCompletionSource Reached)> _waiters = [];

    private Receiver(WebApplication app) => _app = app;

    /// <summary>Whether <c>/flaky</c> answers 200 (else 500).</summary>
    public bool Accepting { get; set; }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<Try> Tries(string path) => [.. _tries.Where(t => t.Path == path)];

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/{path}", async (string path, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            await reader.ReadToEndAsync();
            var eventId = http.Request.Headers["X-Event-Id"].ToString();
            var attempt = int.TryParse(http.Request.Headers["X-Delivery-Attempt"], out var n) ? n : 0;
            var status = path == "flaky" ? receiver.Accepting ? 200 : 500 : 503;
            receiver.Record(new Try(path, eventId, attempt, status, DateTimeOffset.UtcNow));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>Completes when <paramref name="path"/> has had <paramref name="count"/> tries.</summary>
    public Task WhenTries(string path, int count, TimeSpan within)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (Tries(path).Count >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((path, count, reached));
        }

        return reached.Task.WaitAsync(within);
    }

    private void Record(Try attempt)
    {
        lock (_gate)
        {
            _tries.Enqueue(attempt);
            foreach (var waiter in _waiters.Where(w => w.Path == attempt.Path && Tries(w.Path).Count >= w.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
