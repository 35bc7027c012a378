using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>One request the receiver got, and what it answered.</summary>
public sealed record ReceivedWebhook(string Body, string? Signature, string? EventId, string? EventType, int Answered)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}

/// <summary>
/// A real webhook receiver: Kestrel on 127.0.0.1 on a free port, answering from a script of status codes
/// (then 200), recording every request. Tests wait on it, never sleep.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<ReceivedWebhook> _all = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    private int _redirectsFollowed;

    public string Url { get; private set; } = "";

    /// <summary>How many times a redirect this receiver answered (3xx, to <c>/landing</c>) was followed.</summary>
    public int RedirectsFollowed => _redirectsFollowed;

    public IReadOnlyCollection<ReceivedWebhook> All => _all;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver._script.TryDequeue(out var scripted) ? scripted : 200;
            var received = new ReceivedWebhook(body, http.Request.Headers["X-Signature"], http.Request.Headers["X-Event-Id"],
                http.Request.Headers["X-Event-Type"], status);
            receiver._all.Enqueue(received);
            await receiver._arrivals.Writer.WriteAsync(received);
            if (status is >= 300 and < 400)
            {
                http.Response.Headers.Location = "/landing"; // a client that follows it GETs /landing
            }

            return Results.StatusCode(status);
        });
        app.MapGet("/landing", () =>
        {
            Interlocked.Increment(ref receiver._redirectsFollowed);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>Forgets the answers not given yet: from now on the receiver answers 200.</summary>
    public void AnswerOkFromNowOn() => _script.Clear();

    /// <summary>The next answers, in order; after them the receiver answers 200.</summary>
    public void AnswerNext(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            _script.Enqueue(code);
        }
    }

    /// <summary>Waits for a request matching <paramref name="match"/> (including ones already received).</summary>
    public async Task<ReceivedWebhook> WaitFor(Func<ReceivedWebhook, bool> match, TimeSpan? timeout = null)
    {
        var already = _all.FirstOrDefault(match);
        if (already is not null)
        {
            return already;
        }

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = await _arrivals.Reader.ReadAsync(deadline.Token);
            if (match(next))
            {
                return next;
            }
        }
    }

    public Task<ReceivedWebhook> WaitForType(string type, Func<JsonNode, bool>? where = null, TimeSpan? timeout = null) =>
        WaitFor(r => r.EventType == type && r.Answered is >= 200 and < 300 && (where?.Invoke(r.Json) ?? true), timeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
