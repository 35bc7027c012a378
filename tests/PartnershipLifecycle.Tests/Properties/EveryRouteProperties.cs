using System.Text.Json.Nodes;
using Alba;
using CsCheck;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;
using PartnershipLifecycle.Webhooks;

namespace PartnershipLifecycle.Tests.Properties;

/// <summary>
/// Issue 12, section 5: generated requests for every route, from the types the endpoints bind (<see cref="Route.All"/>
/// finds the routes by reflection, so a new route is covered without a change here). Each must answer without a 5xx;
/// a 4xx must write nothing (the tenant's event count, the partner's stream version and the webhooks stay); a 2xx
/// must read back what was sent. <see cref="PropertySettings"/>: a fixed seed and <c>PROPERTY_TESTS_CASES</c> cases;
/// a failure names the seed and the case to replay.
/// </summary>
public class EveryRouteProperties(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private static readonly IReadOnlyList<Route> Routes = Route.All(typeof(Partner).Assembly);

    [Fact]
    public void Reflection_finds_every_api_route_the_service_serves()
    {
        var served = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true || e.RoutePattern.RawText?.StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();
        served.ShouldNotBeEmpty();
        Routes.Select(r => r.ToString()).ToHashSet().SetEquals(served).ShouldBeTrue(
            $"reflected: {string.Join(", ", Routes.Select(r => r.ToString()).Order())}; served: {string.Join(", ", served.Order())}");
        Routes.Count(r => r.Body is not null).ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Every_route_answers_without_5xx_a_refusal_writes_nothing_and_an_acceptance_reads_back()
    {
        var settings = PropertySettings.FromEnvironment();
        output.WriteLine($"Property suite: seed {settings.Seed}, {settings.Cases} cases, control characters {(settings.ControlCharacters ? "on" : "off")}; " +
                         $"replay with PROPERTY_TESTS_SEED={settings.Seed} PROPERTY_TESTS_CASES={settings.Cases}.");
        var admin = Fixture.TokenFor(Tenant, Roles.Admin, "property-suite");
        var ids = await Seed();
        var inputs = new RouteInputs(settings, ids, Today);
        var statuses = new Dictionary<string, List<int>>();

        for (var i = 0; i < settings.Cases; i++)
        {
            var pcg = new PCG(1, settings.Seed + (ulong)i);
            var route = Routes[Gen.Int[0, Routes.Count - 1].Generate(pcg, null, out _)];
            var path = route.Template;
            foreach (var (name, type) in route.RouteParameters)
            {
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(inputs.PathValue(pcg, route, name, type)));
            }

            var url = path + inputs.QueryString(pcg, route);
            var body = route.Body is { } bodyType ? inputs.Body(pcg, bodyType) : null;
            var describe = $"case {i} of seed {settings.Seed} (replay: PROPERTY_TESTS_SEED={settings.Seed} PROPERTY_TESTS_CASES={i + 1}): {route.Method} {url} {body}";

            try
            {
                var before = route.Method == "GET" ? null : await Written(url);
                var result = await Send(route.Method, url, body, admin);
                var status = result.Context.Response.StatusCode;
                (statuses.TryGetValue(route.ToString(), out var seen) ? seen : statuses[route.ToString()] = []).Add(status);
                status.ShouldBeLessThan(500, $"answered {status}: {result.ReadAsText()}");

                if (before is not null && status is >= 400 and < 500)
                {
                    (await Written(url)).ShouldBe(before, $"a {status} wrote something: {result.ReadAsText()}");
                }
                else if (before is not null && status is >= 200 and < 300)
                {
                    await ReadsBack(route, url, body, result, ids, admin, before);
                }
            }
            catch (Exception e)
            {
                output.WriteLine("FAILED " + describe);
                throw new ShouldAssertException($"{describe}\n{e.Message}", e);
            }
        }

        foreach (var (route, seen) in statuses.OrderBy(s => s.Key))
        {
            output.WriteLine($"{route}: {string.Join(", ", seen.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
        }

        // A guard on the guard: the generator reaches acceptances as well as refusals.
        statuses.Values.SelectMany(s => s).Count(s => s is >= 200 and < 300).ShouldBeGreaterThan(settings.Cases / 10);
    }

    /// <summary>Partners in every stage, identified 60 days ago, with a contact and a follow-up; a webhook.</summary>
    private async Task<KnownIds> Seed()
    {
        var ids = new KnownIds();
        var since = Today.AddDays(-60);
        foreach (var stage in Enum.GetValues<Stage>())
        {
            var id = await NewPartner(extra: new { occurredOn = since });
            await Advance(id, stage);
            ids.Partners.Add(id);
            if (stage != Stage.Lost)
            {
                var contact = await Coordinator.Post($"/api/partners/{id}/contacts", new { name = "Ann Champion", role = "champion", occurredOn = since }, 200);
                ids.Contacts.Add(contact.Json()["contactId"]!.GetValue<Guid>());
                var followUp = await Coordinator.Post($"/api/partners/{id}/follow-ups", new { dueOn = Today.AddDays(7), purpose = "call" }, 200);
                ids.FollowUps.Add(followUp.Json()["followUpId"]!.GetValue<Guid>());
            }
        }

        var webhook = await As(Roles.Admin).Post("/api/admin/webhooks", new { url = "https://hooks.example.com/hook", events = new[] { "partnership_lost" }, secret = "a-long-enough-secret-0" }, 201);
        ids.Webhooks.Add(webhook.Json()["id"]!.GetValue<Guid>());
        return ids;
    }

    private Task<IScenarioResult> Send(string method, string url, string? body, string token) =>
        Host.Scenario(s =>
        {
            switch (method)
            {
                case "GET":
                    s.Get.Url(url);
                    break;
                case "DELETE":
                    s.Delete.Url(url);
                    break;
                default:
                    s.Post.Text(body ?? "").ToUrl(url);
                    s.WithRequestHeader("Content-Type", "application/json");
                    break;
            }

            s.WithRequestHeader("Authorization", "Bearer " + token);
            s.IgnoreStatusCode();
        });

    /// <summary>What a request may write: the tenant's events (but automation's own), its webhooks, and the addressed partner's version.</summary>
    private async Task<string> Written(string url)
    {
        await using var session = Store.QuerySession(Tenant);
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        var byPeople = events.Count(e => e.UserName != Actors.Automation);
        var webhooks = await session.Query<WebhookSubscription>().CountAsync();
        var partner = PartnerIdIn(url) is { } id ? (await session.Events.FetchStreamStateAsync(id))?.Version : null;
        return $"events {byPeople}, webhooks {webhooks}, partner version {partner?.ToString() ?? "none"}";
    }

    private static Guid? PartnerIdIn(string url)
    {
        var parts = url.Split('?')[0].Split('/');
        return parts.Length > 3 && parts[2] == "partners" && Guid.TryParse(parts[3], out var id) && id != Guid.Empty ? id : null;
    }

    /// <summary>An accepted command shows in the partner's history with what was sent; a new webhook is listed.</summary>
    private async Task ReadsBack(Route route, string url, string? body, IScenarioResult result, KnownIds ids, string token, string before)
    {
        var answer = result.ReadAsText() is { Length: > 0 } text ? JsonNode.Parse(text) : null;
        var sent = body is { Length: > 0 } ? JsonNode.Parse(body) as JsonObject : null;
        if (route.Template.StartsWith("/api/partners", StringComparison.Ordinal))
        {
            var partnerId = answer!["partnerId"]!.GetValue<Guid>();
            if (!ids.Partners.Contains(partnerId))
            {
                ids.Partners.Add(partnerId);
            }

            if (answer["contactId"] is { } contact)
            {
                ids.Contacts.Add(contact.GetValue<Guid>());
            }

            if (answer["followUpId"] is { } followUp)
            {
                ids.FollowUps.Add(followUp.GetValue<Guid>());
            }

            var version = answer["version"]!.GetValue<long>();
            var history = (await Send("GET", $"/api/partners/{partnerId}/history", null, token)).ReadAsText();
            var events = JsonNode.Parse(history)!["events"]!.AsArray();
            events.Count.ShouldBeGreaterThanOrEqualTo((int)version);
            var previous = PartnerIdIn(url) is not null ? long.Parse(before.Split("partner version ")[1] is var v && v != "none" ? v : "0") : 0;
            var appended = events.Where(e => e!["version"]!.GetValue<long>() > previous && e["version"]!.GetValue<long>() <= version).Select(e => e!["data"]!.AsObject()).ToArray();
            appended.ShouldNotBeEmpty();
            foreach (var (name, value) in sent ?? [])
            {
                if (value is JsonValue scalar && appended.FirstOrDefault(d => d.ContainsKey(name)) is { } data)
                {
                    Same(data[name], scalar).ShouldBeTrue($"'{name}' was sent as {scalar.ToJsonString()} and recorded as {data[name]?.ToJsonString()}");
                }
            }
        }
        else if (route is { Method: "POST", Template: "/api/admin/webhooks" })
        {
            var id = answer!["id"]!.GetValue<Guid>();
            ids.Webhooks.Add(id);
            var listed = await AllWebhooks(token);
            listed.Single(w => w!["id"]!.GetValue<Guid>() == id)!["url"]!.GetValue<string>().ShouldBe(sent!["url"]!.GetValue<string>().Trim());
        }
        else if (route is { Method: "DELETE" })
        {
            var listed = await AllWebhooks(token);
            listed.ShouldNotContain(w => url.EndsWith(w!["id"]!.GetValue<string>(), StringComparison.Ordinal));
        }
    }

    // Every webhook of the tenant, page by page.
    private async Task<List<JsonNode?>> AllWebhooks(string token)
    {
        var all = new List<JsonNode?>();
        for (var page = 1; ; page++)
        {
            var items = JsonNode.Parse((await Send("GET", $"/api/admin/webhooks?page={page}&pageSize=200", null, token)).ReadAsText())!["items"]!.AsArray();
            all.AddRange(items);
            if (items.Count < 200)
            {
                return all;
            }
        }
    }

    // Equal as the API means it: strings without surrounding blanks, numbers by value, enum names in any case.
    private static bool Same(JsonNode? recorded, JsonValue sent)
    {
        if (recorded is not JsonValue value)
        {
            return recorded is null && sent.GetValueKind() == System.Text.Json.JsonValueKind.Null;
        }

        if (sent.TryGetValue<string>(out var s) && value.TryGetValue<string>(out var r))
        {
            return string.Equals(s.Trim(), r.Trim(), StringComparison.OrdinalIgnoreCase);
        }

        if (sent.TryGetValue<decimal>(out var sd) && value.TryGetValue<decimal>(out var rd))
        {
            return sd == rd;
        }

        return sent.ToJsonString() == value.ToJsonString();
    }
}
