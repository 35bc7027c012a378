using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Marten.Events;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>A test against the running service, as a coordinator of a tenant of its own.</summary>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationContext(AppFixture fixture)
{
    protected AppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;
    protected IDocumentStore Store => Fixture.Store;

    /// <summary>This test's institution; no other test writes to it.</summary>
    protected string Tenant { get; } = "t-" + Guid.NewGuid().ToString("N")[..12];

    protected DateOnly Today => Fixture.Clock.Today();

    /// <summary>Waits until Marten's async daemon has projected every event appended so far.</summary>
    protected Task ProjectionsCaughtUp() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    protected Caller As(string role, string? tenant = null, string subject = "tester") =>
        new(Host, Fixture.TokenFor(tenant ?? Tenant, role, subject));

    protected Caller Coordinator => As(Roles.Coordinator, subject: "coordinator-1");

    /// <summary>Creates a prospect and answers its id.</summary>
    protected async Task<Guid> NewPartner(string? name = null, string channel = "chamber_of_commerce", object? extra = null)
    {
        var body = new JsonObject
        {
            ["name"] = name ?? "Partner " + Guid.NewGuid().ToString("N")[..8],
            ["sector"] = "creative_technology",
            ["channel"] = channel,
        };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        var created = await Coordinator.Post("/api/partners", body, 201);
        return created.Json()["partnerId"]!.GetValue<Guid>();
    }

    /// <summary>A new partner of this test's tenant, identified today or on <paramref name="identifiedOn"/>, brought to <paramref name="stage"/> through the API (today).</summary>
    protected async Task<Guid> PartnerAt(Stage stage, DateOnly? identifiedOn = null)
    {
        var id = await NewPartner(extra: identifiedOn is { } on ? new { occurredOn = on } : null);
        await Advance(id, stage);
        return id;
    }

    /// <summary>The shortest path through the API from a prospect to <paramref name="stage"/>.</summary>
    protected async Task Advance(Guid id, Stage stage)
    {
        var url = $"/api/partners/{id}";
        switch (stage)
        {
            case Stage.Contacted:
                await Coordinator.Post($"{url}/outreach", new { channel = "email", summary = "first email", occurredOn = Today }, 200);
                break;
            case Stage.Pitched:
                await Advance(id, Stage.Contacted);
                await Coordinator.Post($"{url}/pitches", new { valueProposition = "trained juniors", offerings = new[] { "work_placement" }, occurredOn = Today }, 200);
                break;
            case Stage.Piloting:
                await Advance(id, Stage.Pitched);
                await Coordinator.Post($"{url}/pilot", new { description = "two-week demo", startsOn = Today, endsOn = Today.AddDays(14) }, 200);
                break;
            case Stage.Active:
                await Advance(id, Stage.Pitched);
                await Coordinator.Post($"{url}/mou", Bodies.Mou(Today), 200);
                break;
            case Stage.Paused:
                await Advance(id, Stage.Active);
                await Coordinator.Post($"{url}/pause", new { reason = "busy season", occurredOn = Today }, 200);
                break;
            case Stage.Lost:
                await Coordinator.Post($"{url}/lost", new { reason = "capacity_change", occurredOn = Today }, 200);
                break;
        }
    }
}

/// <summary>Request bodies the tests share.</summary>
public static class Bodies
{
    public static object Mou(DateOnly day) => new
    {
        signedOn = day,
        startsOn = day,
        endsOn = day.AddYears(1),
        commitments = new { placementsPerYear = 12, mentors = 3, guestSessionsPerYear = 4, advisoryBoardSeat = true },
        partnerResponsibilities = new[] { "host placements", "name a mentor" },
        institutionResponsibilities = new[] { "prepare students" },
    };
}

/// <summary>HTTP calls as one caller, asserting the status code of each.</summary>
public sealed class Caller(IAlbaHost host, string? token)
{
    public Task<IScenarioResult> Post(string url, object? body, int status, Action<Scenario>? more = null) =>
        host.Scenario(s =>
        {
            Authorize(s);
            var json = body is string text ? text : JsonSerializer.Serialize(body);
            s.Post.Text(json).ToUrl(url);
            s.WithRequestHeader("Content-Type", "application/json");
            more?.Invoke(s);
            s.StatusCodeShouldBe(status);
        });

    public Task<IScenarioResult> Get(string url, int status = 200, Action<Scenario>? more = null) =>
        host.Scenario(s =>
        {
            Authorize(s);
            s.Get.Url(url);
            more?.Invoke(s);
            s.StatusCodeShouldBe(status);
        });

    private void Authorize(Scenario s)
    {
        if (token is not null)
        {
            s.WithRequestHeader("Authorization", "Bearer " + token);
        }
    }
}

public static class ScenarioResults
{
    public static JsonNode Json(this IScenarioResult result) => JsonNode.Parse(result.ReadAsText())!;

    public static string? Header(this IScenarioResult result, string name) =>
        result.Context.Response.Headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
