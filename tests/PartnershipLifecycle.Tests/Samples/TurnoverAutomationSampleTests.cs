using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Samples;

/// <summary>
/// samples/TurnoverAutomation run exactly as its README says: its own process (<c>dotnet TurnoverAutomation.dll</c>
/// with <c>ConnectionStrings__Marten</c>, <c>Api__BaseUrl</c> and <c>Api__Token</c>), beside the service as its own
/// process in Production. The in-process test (InHouseConsumerTests) borrows the test host's references, among
/// them the Roslyn compiler Wolverine needs, and so could not see that the sample did not start.
/// </summary>
public sealed class TurnoverAutomationSampleTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_sample_started_as_documented_schedules_a_follow_up_when_a_champion_leaves()
    {
        var database = await TestDatabases.CreateAsync("sample_consumer");
        try
        {
            var port = ServiceProcess.FreePort();
            var baseUrl = $"http://127.0.0.1:{port}/";
            await using var service = ServiceProcess.Start(Path.Combine(ApiProcess.OutputFolder, "PartnershipLifecycle.Api.dll"), $"--urls {baseUrl}",
                new Dictionary<string, string?>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Auth__SigningKey"] = AppFixture.SigningKey,
                    ["ConnectionStrings__Marten"] = database,
                });
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await service.WaitUntil(async () => (await http.GetAsync("health/ready")).IsSuccessStatusCode, StartTimeout, "ready");

            var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
            var token = DevelopmentTokens.Create(new AuthSettings { SigningKey = AppFixture.SigningKey }, tenant, ["coordinator"], "turnover-automation", TimeSpan.FromHours(1));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            await using var sample = ServiceProcess.Start(SampleDll, "", new Dictionary<string, string?>
            {
                ["ConnectionStrings__Marten"] = database,
                ["Api__BaseUrl"] = baseUrl,
                ["Api__Token"] = token,
            });
            await sample.WaitUntil(() => Task.FromResult(sample.Output.Contains("Application started", StringComparison.Ordinal)), StartTimeout, "started");

            var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
            var partner = (await Post(http, "api/partners", new { name = "Sample Consumers Ltd", sector = "logistics", channel = "inbound" }))["partnerId"]!.GetValue<Guid>();
            var champion = (await Post(http, $"api/partners/{partner}/contacts", new { name = "Chloe Chan", role = "champion", occurredOn = today }))["contactId"]!.GetValue<Guid>();
            await Post(http, $"api/partners/{partner}/contacts", new { name = "Max Mentor", role = "mentor", occurredOn = today });
            await Post(http, $"api/partners/{partner}/contacts/{champion}/departed", new { occurredOn = today });

            JsonArray followUps = [];
            await sample.WaitUntil(async () =>
            {
                followUps = (await http.GetFromJsonAsync<JsonObject>($"api/partners/{partner}"))!["followUps"]!.AsArray();
                return followUps.Count > 0;
            }, StartTimeout, "scheduled a follow-up");

            var followUp = followUps.ShouldHaveSingleItem()!;
            followUp["owner"]!.GetValue<string>().ShouldBe("turnover-automation");
            followUp["purpose"]!.GetValue<string>().ShouldContain("Chloe Chan");
        }
        finally
        {
            await TestDatabases.DropAsync(database);
        }
    }

    /// <summary>The sample's build output, of the configuration the tests were built in.</summary>
    private static string SampleDll => Path.Combine(ApiProcess.RepositoryRoot, "samples", "TurnoverAutomation", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, new DirectoryInfo(AppContext.BaseDirectory).Name, "TurnoverAutomation.dll");

    private static async Task<JsonObject> Post(HttpClient http, string route, object body)
    {
        using var response = await http.PostAsJsonAsync(route, body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"POST {route}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
