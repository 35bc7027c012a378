using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PartnershipLifecycle.Reliability.Tests.Support;

/// <summary>One answer the service gave a writer (or none: <see cref="Status"/> 0 when the connection failed).</summary>
public sealed record Answer(string Request, Guid Partner, string Summary, int Status, long? Version, string? RetryAfter, string Body)
{
    public bool Acknowledged => Status is >= 200 and < 300 && Version is not null;

    public override string ToString() => $"{Status} {Request}{(RetryAfter is null ? "" : $" Retry-After: {RetryAfter}")} {Body}";
}

/// <summary>
/// Load: <c>clients</c> loops per partner, each sending <c>POST /api/partners/{id}/communications</c> as fast as the
/// answers come (each with a summary of its own, so every acknowledged command can be found among the events), and,
/// when asked, reads beside them. Every answer is kept. A refused connection (the node is gone) is recorded as status
/// 0 and tried again after a short pause: a client would.
/// </summary>
public sealed class Writers
{
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly object _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _acknowledged;

    public IReadOnlyCollection<Answer> Answers => _answers;

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Which client the loops send through; a test switches it to another node.</summary>
    public HttpClient Client { get; set; }

    public Writers(HttpClient client, IEnumerable<Guid> partners, int clientsPerPartner, bool withReads = false)
    {
        Client = client;
        var loop = 0;
        foreach (var partner in partners)
        {
            for (var c = 0; c < clientsPerPartner; c++)
            {
                var name = $"w{loop++}";
                _loops.Add(Task.Run(() => WriteLoop(name, partner)));
                if (withReads)
                {
                    _loops.Add(Task.Run(() => ReadLoop(partner)));
                }
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> commands have been acknowledged in all (a deadline fails it).</summary>
    public Task AcknowledgedAtLeast(int count, TimeSpan within)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_acknowledged >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, reached));
        }

        return reached.Task.WaitAsync(within).ContinueWith(t => t.IsFaulted
            ? throw new TimeoutException($"Only {Acknowledged} of {count} commands acknowledged within {within.TotalSeconds} s; last answers:\n{string.Join("\n", _answers.TakeLast(10))}")
            : Task.CompletedTask).Unwrap();
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    private async Task WriteLoop(string name, Guid partner)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var summary = $"{name}-{i}";
            var answer = await Send($"POST communications {partner}", partner, summary,
                http => http.PostAsJsonAsync($"api/partners/{partner}/communications",
                    new { channel = "email", direction = "outbound", summary, occurredOn = Dates.Today }, _stop.Token));
            if (answer is null)
            {
                return;
            }

            Record(answer);
        }
    }

    private async Task ReadLoop(Guid partner)
    {
        var routes = new[] { $"api/partners/{partner}", "api/alerts", $"api/partners/{partner}/history", $"api/partners/{partner}/health" };
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var route = routes[i % routes.Length];
            var answer = await Send($"GET {route}", partner, "", http => http.GetAsync(route, _stop.Token));
            if (answer is null)
            {
                return;
            }

            if (answer.Status >= 0)
            {
                _answers.Enqueue(answer);
            }
        }
    }

    /// <summary>One request; null when the writers were stopped meanwhile.</summary>
    private async Task<Answer?> Send(string request, Guid partner, string summary, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send(Client);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            long? version = null;
            if (response.IsSuccessStatusCode && request.StartsWith("POST", StringComparison.Ordinal))
            {
                version = JsonNode.Parse(body)?["version"]?.GetValue<long>();
            }

            return new Answer(request, partner, summary, (int)response.StatusCode, version,
                response.Headers.RetryAfter?.ToString(), body.Length > 400 ? body[..400] : body);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return null;
        }
        catch (HttpRequestException e)
        {
            // The node is gone (killed) or not listening yet: what a client sees; it tries again shortly.
            _answers.Enqueue(new Answer(request, partner, summary, 0, null, null, e.Message));
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            return new Answer(request, partner, summary, -1, null, null, "");
        }
    }

    private void Record(Answer answer)
    {
        if (answer.Status < 0)
        {
            return; // the retry marker of a refused connection, already recorded
        }

        _answers.Enqueue(answer);
        if (!answer.Acknowledged)
        {
            return;
        }

        var count = Interlocked.Increment(ref _acknowledged);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Count <= count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
