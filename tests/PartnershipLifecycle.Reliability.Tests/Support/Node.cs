using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Reliability.Tests.Support;

/// <summary>
/// One node of the service: the Release (or Debug, as built) output of src/PartnershipLifecycle.Api started as its
/// own process, <c>dotnet PartnershipLifecycle.Api.dll --urls ...</c>, in Production (Balanced durability) unless told
/// otherwise, with per-caller rate limits off (the tests are one caller sending many commands). Its HTTP client
/// carries an admin token of <see cref="Tenant"/> (admins may also coordinate).
/// </summary>
public sealed class Node : IAsyncDisposable
{
    public const string SigningKey = "reliability-signing-key-for-partnership-lifecycle-0123456789";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private Node(string name, ServiceProcess process, Uri address, string tenant)
    {
        Name = name;
        Process = process;
        Address = address;
        Tenant = tenant;
        Http = For(tenant);
    }

    public string Name { get; }
    public ServiceProcess Process { get; }
    public Uri Address { get; }
    public string Tenant { get; }

    /// <summary>A client of this node with an admin token of <see cref="Tenant"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>The service's build output, of the configuration the tests were built in.</summary>
    public static string ApiDll { get; } = Path.Combine(RepositoryRoot(), "src", "PartnershipLifecycle.Api", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name, "PartnershipLifecycle.Api.dll");

    public static string NewTenant() => "rel-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Starts a node on <paramref name="database"/> and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<Node> StartAsync(string name, string database, string tenant, IDictionary<string, string?>? settings = null)
    {
        var port = ServiceProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Auth__SigningKey"] = SigningKey,
            ["ConnectionStrings__Marten"] = database,
            ["RateLimits__Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var process = ServiceProcess.Start(ApiDll, $"--urls {address.ToString().TrimEnd('/')}", environment);
        var node = new Node(name, process, address, tenant);
        try
        {
            using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
            await process.WaitUntil(async () =>
            {
                try
                {
                    return (await probe.GetAsync("health/ready")).IsSuccessStatusCode;
                }
                catch (TaskCanceledException)
                {
                    return false; // a slow answer while it starts on a busy machine: ask again
                }
            }, StartTimeout, $"{name} ready");
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of this node for another tenant.</summary>
    public HttpClient For(string tenant)
    {
        var token = DevelopmentTokens.Create(new AuthSettings { SigningKey = SigningKey }, tenant, ["admin"], "reliability-suite", TimeSpan.FromHours(1));
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>POSTs <paramref name="body"/> and answers the JSON, failing the test (with the node's output) on anything but 2xx.</summary>
    public async Task<JsonObject> Post(string route, object body)
    {
        using var response = await Http.PostAsJsonAsync(route, body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{Name}: POST {route} answered {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonNode> Get(string route)
    {
        using var response = await Http.GetAsync(route);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{Name}: GET {route} answered {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Creates a partner (a prospect found a year ago, so back-dated steps fit the business-date rule) and answers its id.</summary>
    public async Task<Guid> NewPartner(string name) =>
        (await Post("api/partners", new { name, sector = "logistics", channel = "inbound", occurredOn = Dates.YearAgo }))["partnerId"]!.GetValue<Guid>();

    /// <summary>Adds a champion to <paramref name="partner"/> and answers the contact's id.</summary>
    public async Task<Guid> NewChampion(Guid partner, string name) =>
        (await Post($"api/partners/{partner}/contacts", new { name, role = "champion", occurredOn = Dates.YearAgo }))["contactId"]!.GetValue<Guid>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PartnershipLifecycle.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: no PartnershipLifecycle.sln above " + AppContext.BaseDirectory);
    }

    public static string Root { get; } = RepositoryRoot();
}

/// <summary>Business dates the tests use.</summary>
public static class Dates
{
    public static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
    public static string YearAgo => DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1).ToString("yyyy-MM-dd");
}
