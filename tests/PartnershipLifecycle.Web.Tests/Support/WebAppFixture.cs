using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Web.Tests.Support;

/// <summary>
/// The service as a user starts it (its own process, Development, Kestrel on a free port, a database of its own in the
/// cluster ./test.sh started) and one headless Chromium — Debian's, by path (<c>CHROMIUM_PATH</c>, default
/// <c>/usr/bin/chromium</c>); Playwright downloads no browser. Shared by every browser test: each uses its own tenant.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string SigningKey = "browser-tests-signing-key-0123456789-abcdefghij";

    private Process? _service;
    private readonly StringBuilder _output = new();
    private string? _database;
    private IPlaywright? _playwright;

    /// <summary>The service's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The service's output so far (for failure messages).</summary>
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

    /// <summary>The repository's root (where PartnershipLifecycle.sln is).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Where screenshots of failed tests go: <c>TestResults/browser/</c> under the repository (ignored by git).</summary>
    public static string ArtefactFolder { get; } = Path.Combine(RepositoryRoot, "TestResults", "browser");

    public async ValueTask InitializeAsync()
    {
        var connection = await TestDatabases.CreateAsync("web");
        _database = connection;

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var folder = Path.Combine(RepositoryRoot, "src", "PartnershipLifecycle.Api", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name);
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(folder, "PartnershipLifecycle.Api.dll")}\" --urls {BaseUrl}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Marten"] = connection;
        start.Environment["Auth__SigningKey"] = SigningKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The demo test sends the plan of seed --demo (hundreds of commands in seconds), which that verb sends with limits off too.
        start.Environment["RateLimits__Enabled"] = "false";
        _service = Process.Start(start) ?? throw new InvalidOperationException("Could not start the service.");
        _service.OutputDataReceived += (_, e) => Append(e.Data);
        _service.ErrorDataReceived += (_, e) => Append(e.Data);
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        await Eventually.Async(async () =>
        {
            if (_service.HasExited)
            {
                throw new InvalidOperationException($"The service exited ({_service.ExitCode}):\n{Output}");
            }

            try
            {
                return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "the service is ready", () => Output);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // Root in a container has no user namespace for Chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_service is { HasExited: false })
        {
            _service.Kill(entireProcessTree: true);
            await _service.WaitForExitAsync();
        }

        _service?.Dispose();
        if (_database is not null)
        {
            await TestDatabases.DropAsync(_database);
        }
    }

    /// <summary>An HTTP client of the API for <paramref name="tenant"/> as <paramref name="role"/> (to set the scene).</summary>
    public HttpClient Api(string tenant, string role = Roles.Coordinator, string subject = "scene-setter")
    {
        var token = DevelopmentTokens.Create(new AuthSettings { SigningKey = SigningKey }, tenant, [role], subject, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Opens a fresh browser context (its own cookies) at phone or desktop width, runs <paramref name="test"/>, and saves a
    /// screenshot of every open page under <see cref="ArtefactFolder"/> when it fails.</summary>
    public async Task RunAsync(string name, Func<IBrowserContext, Task> test, bool phone = false)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        try
        {
            await test(context);
        }
        catch (Exception failure)
        {
            Directory.CreateDirectory(ArtefactFolder);
            var shots = new List<string>();
            foreach (var (page, i) in context.Pages.Select((p, i) => (p, i)))
            {
                var file = Path.Combine(ArtefactFolder, $"{name}-{i}.png");
                try
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                    shots.Add(file);
                }
                catch (PlaywrightException)
                {
                    // A page that is gone has nothing to show.
                }
            }

            throw new Exception($"{failure.Message}\nScreenshots: {string.Join(", ", shots)}\nService output (tail):\n{Tail(Output, 4000)}", failure);
        }
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
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
}

/// <summary>Waiting on another process (the service's async read models): ask again shortly until it holds.</summary>
/// <summary>Signing in through the development sign-in page, as every browser test does.</summary>
public static class SignIn
{
    /// <summary>A new page of <paramref name="context"/>, signed in through the development page and on Today.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string tenant, string role, string name = "ann")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/app/sign-in");
        await AsAsync(page, tenant, role, name);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Today");
        return page;
    }

    /// <summary>Fills the sign-in page <paramref name="page"/> is on (institution, role, name) and sends it.</summary>
    public static async Task AsAsync(IPage page, string tenant, string role, string name)
    {
        await page.GetByLabel("Institution (tenant id)").FillAsync(tenant);
        await page.GetByLabel("Role").SelectOptionAsync(role);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

public static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            // Another process is the one acting: there is no event of ours to wait on.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"Not {what} within {timeout.TotalSeconds} s.{(context is null ? "" : "\n" + context())}");
    }

    /// <summary>Reloads <paramref name="page"/> until <paramref name="selector"/> matches something (an async read model caught up).</summary>
    public static Task UntilShownAsync(IPage page, string selector, TimeSpan? timeout = null) =>
        Async(async () =>
        {
            if (await page.Locator(selector).CountAsync() > 0)
            {
                return true;
            }

            await page.ReloadAsync();
            return await page.Locator(selector).CountAsync() > 0;
        }, timeout ?? TimeSpan.FromSeconds(30), $"shown: {selector} on {page.Url}");
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "browser";
}

/// <summary>Setting the scene over the API: JSON in, the answer's JSON out (a non-2xx fails with its body).</summary>
public static class ApiExtensions
{
    public static async Task<JsonElement> PostJsonAsync(this HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>Business dates as the API and the forms write them.</summary>
public static class Dates
{
    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
