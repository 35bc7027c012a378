using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Marten.Storage;
using Npgsql;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Auditing;

/// <summary>
/// Issue 18, point 1: every read model derives "the latest" and "the first" by business date. Each case enters the
/// same events twice, in two institutions: once in date order and once with the case's events out of date order,
/// and every read model of the partner (the partner, its health, its story, its analytics row and its commitments)
/// must be the same.
/// </summary>
public partial class BusinessDateOrderTests(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>One command: its route under the partner and its body, built from the day the history starts.</summary>
    public sealed record Step(string Route, Func<DateOnly, object> Body, Func<DateOnly, DateOnly> On);

    private static Step Outreach(int day) => new("outreach", d => new { channel = "email", summary = $"outreach {day}", occurredOn = d.AddDays(day) }, d => d.AddDays(day));

    private static Step Pitch(int day, string offering = "work_placement") =>
        new("pitches", d => new { valueProposition = $"pitch {day}", offerings = new[] { offering }, occurredOn = d.AddDays(day) }, d => d.AddDays(day));

    private static Step Evaluation(int day, int score1, int score2, int score3, int score4) => new("evaluations", d => new
    {
        period = $"period {day}", studentSatisfaction = score1, partnerSatisfaction = score2, mentorPreparedness = score3,
        studentInterest = score4, hires = 0, occurredOn = d.AddDays(day),
    }, d => d.AddDays(day));

    private static Step Amendment(int day, int placements) => new("mou/amend", d => new
    {
        commitments = new { placementsPerYear = placements, mentors = 1, guestSessionsPerYear = 2, advisoryBoardSeat = false },
        occurredOn = d.AddDays(day), reason = $"amended {day}",
    }, d => d.AddDays(day));

    private static Step Communication(int day) =>
        new("communications", d => new { channel = "email", direction = "outbound", summary = $"note {day}", occurredOn = d.AddDays(day) }, d => d.AddDays(day));

    private static Step Placement(int day, int students) =>
        new("engagements", d => new { type = "work_placement", occurredOn = d.AddDays(day), studentsReached = students, hours = 40 }, d => d.AddDays(day));

    private static readonly Guid ContactId = Guid.Parse("00000000-0000-0000-0000-0000000c0de1");

    private static Step RoleChange(int day, string role) =>
        new($"contacts/{ContactId}/role", d => new { role, occurredOn = d.AddDays(day) }, d => d.AddDays(day));

    /// <summary>
    /// The history starts 800 days ago: identified on day 0, contacted day 10, pitched day 20, an MOU signed on day 300
    /// running from day 400 to day 1100 (today is day 800, in its second MOU year), a mentor added on day 400.
    /// </summary>
    private static readonly Step[] Active =
    [
        Outreach(10), Pitch(20),
        new("mou", d => new
        {
            signedOn = d.AddDays(300), startsOn = d.AddDays(400), endsOn = d.AddDays(1100),
            commitments = new { placementsPerYear = 8, mentors = 1, guestSessionsPerYear = 2, advisoryBoardSeat = false },
        }, d => d.AddDays(300)),
        new("contacts", d => new { contactId = ContactId, name = "Morgan Mentor", role = "mentor", occurredOn = d.AddDays(400) }, d => d.AddDays(400)),
    ];

    public static TheoryData<string> Cases => [.. CaseSteps.Keys];

    /// <summary>Each kind of event, out of date order (in the order written); the in-order run sorts them by date.</summary>
    private static readonly Dictionary<string, (Step[] Before, Step[] OutOfOrder)> CaseSteps = new()
    {
        // Issue 18: an evaluation dated later (3, 3, 2, 3) entered before one dated earlier (5, 5, 5, 5).
        ["evaluations"] = (Active, [Evaluation(790, 3, 3, 2, 3), Evaluation(550, 5, 5, 5, 5)]),
        // Issue 18: amended to 10 placements, then (entered later) to 6 dated a year before: 10 is in force.
        ["mou_amendments"] = (Active, [Amendment(700, 10), Amendment(450, 6)]),
        // Issue 18: first contact on day 5 entered after the one on day 20.
        ["first_contact"] = ([], [Outreach(20), Outreach(5)]),
        ["first_pitch_and_latest_pitch"] = ([Outreach(5)], [Pitch(60, "mentorship"), Pitch(30, "guest_talk")]),
        ["contact_roles"] = (Active, [RoleChange(700, "champion"), RoleChange(500, "hr")]),
        ["last_interaction"] = (Active, [Communication(780), Communication(600)]),
        ["engagements_per_mou_year"] = (Active, [Placement(790, 3), Placement(450, 5), Placement(770, 2)]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_read_model_agrees_with_the_same_events_entered_in_date_order(string kind)
    {
        var (before, outOfOrder) = CaseSteps[kind];
        var start = Today.AddDays(-800);
        var inOrder = outOfOrder.Select((s, i) => (s, i)).OrderBy(x => x.s.On(start)).ThenBy(x => x.i).Select(x => x.s).ToArray();
        outOfOrder.Select(s => s.On(start)).ShouldNotBe(inOrder.Select(s => s.On(start)), "the case must be out of date order");

        var dated = await Enter(Tenant, start, [.. before, .. inOrder]);
        var otherTenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var recorded = await Enter(otherTenant, start, [.. before, .. outOfOrder]);
        await ProjectionsCaughtUp();

        var expected = await ReadModels(Tenant, dated);
        var actual = await ReadModels(otherTenant, recorded);
        foreach (var (model, json) in expected)
        {
            actual[model].ShouldBe(json, $"{kind}: {model}");
        }

        // And the examples, by the numbers.
        switch (kind)
        {
            case "evaluations":
                var health = JsonNode.Parse(actual["health"])!;
                health["score"]!.GetValue<int>().ShouldBe(80);
                health["factors"]!.AsArray().Single()!["code"]!.GetValue<string>().ShouldBe("evaluation_scores");
                break;
            case "mou_amendments":
                JsonNode.Parse(actual["partner"])!["activeMou"]!["commitments"]!["placementsPerYear"]!.GetValue<int>().ShouldBe(10);
                JsonNode.Parse(actual["analytics"])!["placements_per_year"]!.GetValue<int>().ShouldBe(10);
                JsonNode.Parse(actual["commitments"])!["placements"]!["committed"]!.GetValue<int>().ShouldBe(10);
                break;
            case "first_contact":
                var contacted = start.AddDays(5).ToString("yyyy-MM-dd");
                JsonNode.Parse(actual["story"])!["milestones"]!.AsArray().Single(m => m!["stage"]!.GetValue<string>() == "contacted")!["on"]!
                    .GetValue<string>().ShouldBe(contacted);
                JsonNode.Parse(actual["analytics"])!["contacted_on"]!.GetValue<string>().ShouldBe(contacted);
                break;
            case "contact_roles":
                JsonNode.Parse(actual["partner"])!["contacts"]![0]!["role"]!.GetValue<string>().ShouldBe("champion");
                break;
            case "engagements_per_mou_year":
                JsonNode.Parse(actual["commitments"])!["placements"]!["delivered"]!.GetValue<int>().ShouldBe(5);
                break;
        }
    }

    /// <summary>A partner identified on <paramref name="start"/> in <paramref name="tenant"/>, then the steps in the order given.</summary>
    private async Task<Guid> Enter(string tenant, DateOnly start, Step[] steps)
    {
        var coordinator = As(Roles.Coordinator, tenant);
        var created = await coordinator.Post("/api/partners",
            new { name = "Harbour VR Studio", sector = "creative_technology", channel = "alumni_network", occurredOn = start }, 201);
        var id = created.Json()["partnerId"]!.GetValue<Guid>();
        foreach (var step in steps)
        {
            await coordinator.Post($"/api/partners/{id}/{step.Route}", step.Body(start), 200);
        }

        return id;
    }

    /// <summary>Every read model of the partner as JSON, ids and versions left out.</summary>
    private async Task<Dictionary<string, string>> ReadModels(string tenant, Guid id)
    {
        var analyst = As(Roles.Analyst, tenant);
        var models = new Dictionary<string, string>
        {
            ["partner"] = Normalised((await analyst.Get($"/api/partners/{id}")).ReadAsText()),
            ["story"] = Normalised((await analyst.Get($"/api/partners/{id}/story")).ReadAsText()),
            ["funnel"] = Normalised((await analyst.Get("/api/analytics/funnel")).ReadAsText()),
            ["channels"] = Normalised((await analyst.Get("/api/analytics/channels")).ReadAsText()),
        };

        var health = await analyst.Get($"/api/partners/{id}/health");
        models["health"] = Normalised(health.ReadAsText());
        var commitments = (await analyst.Get("/api/analytics/commitments")).Json()["items"]!.AsArray().SingleOrDefault();
        models["commitments"] = Normalised(commitments?.ToJsonString() ?? "null");

        await using var connection = Store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "select (to_jsonb(p) - 'tenant_id' - 'partner_id')::text from analytics.partners p where tenant_id = @t and partner_id = @p", connection);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("p", id);
        models["analytics"] = Normalised((string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        return models;
    }

    /// <summary>The JSON with every UUID and the stream version masked (both differ between the two tenants' partners).</summary>
    private static string Normalised(string json) =>
        VersionField().Replace(UuidText().Replace(json, "<id>"), "\"version\":0");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidText();

    [GeneratedRegex("\"version\":\\d+")]
    private static partial Regex VersionField();
}
