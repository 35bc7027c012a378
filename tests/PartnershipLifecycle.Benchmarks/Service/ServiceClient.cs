using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Benchmarks.Service;

/// <summary>HTTP/1.1 over loopback with keep-alive, a coordinator's token per tenant, the API's JSON.</summary>
public sealed class ServiceClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Dictionary<string, AuthenticationHeaderValue> _tokens;
    private int _failuresShown;

    public ServiceClient(Uri address, IEnumerable<string> tenants)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var settings = new AuthSettings { SigningKey = ServiceProcess.SigningKey };
        _tokens = tenants.ToDictionary(t => t, t => new AuthenticationHeaderValue("Bearer",
            DevelopmentTokens.Create(settings, t, ["coordinator"], "bench-coordinator", TimeSpan.FromHours(6))));
    }

    /// <summary>Sends the command; its new stream version when accepted (200), null otherwise.</summary>
    public async Task<long?> SendAsync(PartnerSlot slot, CommandStep step, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, step.Route)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(step.Body, step.Body.GetType(), PartnershipJson.Options))
            {
                Headers = { ContentType = Json },
            },
        };
        request.Headers.Authorization = _tokens[slot.Tenant];
        using var response = await _http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            ShowFailure($"{step.Kind} {step.Route}", response.StatusCode, body);
            return null;
        }

        using var answer = JsonDocument.Parse(body);
        return answer.RootElement.GetProperty("version").GetInt64();
    }

    /// <summary>A GET that must answer 200.</summary>
    public async Task<bool> GetAsync(string tenant, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = _tokens[tenant];
        using var response = await _http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            ShowFailure($"GET {path}", response.StatusCode, body);
            return false;
        }

        return true;
    }

    private void ShowFailure(string what, HttpStatusCode status, byte[] body)
    {
        if (Interlocked.Increment(ref _failuresShown) <= 5)
        {
            Console.WriteLine($"    ! {what} answered {(int)status}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(400, body.Length)))}");
        }
    }

    public void Dispose() => _http.Dispose();
}
