using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners;

/// <summary>Every route of docs/api.md's command table through HTTP: happy path, stage refusal, and the refusals every route shares.</summary>
public class CommandRoutesTests(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>A route, a stage it is allowed in, one where it is refused, and how to get its URL and body.</summary>
    public sealed record RouteCase(Stage Allowed, Stage? Refused, Func<CommandRoutesTests, Guid, Task<string>> Prepare, Func<DateOnly, object> Body);

    internal static readonly Dictionary<string, RouteCase> Routes = new()
    {
        ["outreach"] = new(Stage.Prospect, Stage.Lost, (_, id) => Url(id, "outreach"),
            day => new { channel = "in_person", summary = "met at the fair", occurredOn = day }),
        ["follow-ups"] = new(Stage.Contacted, Stage.Lost, (_, id) => Url(id, "follow-ups"),
            day => new { dueOn = day.AddDays(7), purpose = "send the brochure", owner = "ann" }),
        ["follow-ups/complete"] = new(Stage.Contacted, Stage.Lost, async (t, id) => $"/api/partners/{id}/follow-ups/{await t.ScheduleFollowUp(id)}/complete",
            day => new { occurredOn = day, outcome = "they want a site visit" }),
        ["pitches"] = new(Stage.Contacted, Stage.Prospect, (_, id) => Url(id, "pitches"),
            day => new { valueProposition = "trained juniors", offerings = new[] { "mentorship", "guest_talk" }, occurredOn = day }),
        ["pitch-outcome"] = new(Stage.Pitched, Stage.Contacted, (_, id) => Url(id, "pitch-outcome"),
            day => new { outcome = "interested", occurredOn = day }),
        ["pilot"] = new(Stage.Pitched, Stage.Active, (_, id) => Url(id, "pilot"),
            day => new { description = "demo week", startsOn = day, endsOn = day.AddDays(5) }),
        ["pilot/complete"] = new(Stage.Piloting, Stage.Pitched, (_, id) => Url(id, "pilot/complete"),
            day => new { occurredOn = day, rating = 4, feedback = "students loved it", testimonial = "A great week" }),
        ["mou"] = new(Stage.Piloting, Stage.Contacted, (_, id) => Url(id, "mou"), Bodies.Mou),
        ["mou/amend"] = new(Stage.Active, Stage.Pitched, (_, id) => Url(id, "mou/amend"),
            day => new { commitments = new { placementsPerYear = 20, mentors = 4, guestSessionsPerYear = 4, advisoryBoardSeat = true }, occurredOn = day, reason = "second site" }),
        ["mou/renew"] = new(Stage.Paused, Stage.Piloting, (_, id) => Url(id, "mou/renew"),
            day => new { endsOn = day.AddYears(3), occurredOn = day }),
        ["contacts"] = new(Stage.Prospect, Stage.Lost, (_, id) => Url(id, "contacts"),
            day => new { name = "Chloe Champion", email = "chloe@example.com", role = "champion", occurredOn = day }),
        ["contacts/role"] = new(Stage.Active, Stage.Lost, async (t, id) => $"/api/partners/{id}/contacts/{await t.AddContact(id)}/role",
            day => new { role = "decision_maker", occurredOn = day }),
        ["contacts/departed"] = new(Stage.Lost, null, async (t, id) => $"/api/partners/{id}/contacts/{await t.AddContact(id)}/departed",
            day => new { occurredOn = day, note = "moved abroad", movedTo = "Beta Games Ltd" }),
        ["communications"] = new(Stage.Active, Stage.Lost, (_, id) => Url(id, "communications"),
            day => new { channel = "newsletter", direction = "outbound", summary = "term newsletter", occurredOn = day }),
        ["engagements"] = new(Stage.Piloting, Stage.Pitched, (_, id) => Url(id, "engagements"),
            day => new { type = "mentoring_session", occurredOn = day, studentsReached = 12, hours = 1.5, note = "portfolio review" }),
        ["evaluations"] = new(Stage.Paused, Stage.Piloting, (_, id) => Url(id, "evaluations"),
            day => new { period = "2026-S1", studentSatisfaction = 4, partnerSatisfaction = 5, mentorPreparedness = 3, studentInterest = 4, hires = 2, occurredOn = day }),
        ["pause"] = new(Stage.Active, Stage.Paused, (_, id) => Url(id, "pause"),
            day => new { reason = "restructuring", occurredOn = day }),
        ["resume"] = new(Stage.Paused, Stage.Active, (_, id) => Url(id, "resume"), day => new { occurredOn = day }),
        ["lost"] = new(Stage.Pitched, Stage.Lost, (_, id) => Url(id, "lost"),
            day => new { reason = "management_decision", note = "new CEO", occurredOn = day }),
        ["reactivate"] = new(Stage.Lost, Stage.Prospect, (_, id) => Url(id, "reactivate"),
            day => new { channel = "alumni_network", note = "new HR lead is an alumna", occurredOn = day }),
    };

    public static TheoryData<string> RouteNames() => [.. Routes.Keys];

    private static Task<string> Url(Guid id, string suffix) => Task.FromResult($"/api/partners/{id}/{suffix}");

    /// <summary>A URL of the route for any partner id, with made-up contact or follow-up ids where it has them.</summary>
    internal static string AnyUrl(string route, Guid partnerId) => route switch
    {
        "follow-ups/complete" => $"/api/partners/{partnerId}/follow-ups/{Guid.NewGuid()}/complete",
        "contacts/role" or "contacts/departed" => $"/api/partners/{partnerId}/contacts/{Guid.NewGuid()}/{route.Split('/')[1]}",
        _ => $"/api/partners/{partnerId}/{route}",
    };

    private async Task<Guid> AddContact(Guid partnerId)
    {
        var contactId = Guid.NewGuid();
        await WhileNotLost(partnerId, () => Coordinator.Post($"/api/partners/{partnerId}/contacts",
            new { contactId, name = "Sam Contact", role = "champion", occurredOn = Today }, 200));
        return contactId;
    }

    private async Task<Guid> ScheduleFollowUp(Guid partnerId)
    {
        var followUpId = Guid.NewGuid();
        await WhileNotLost(partnerId, () => Coordinator.Post($"/api/partners/{partnerId}/follow-ups",
            new { followUpId, dueOn = Today, purpose = "call" }, 200));
        return followUpId;
    }

    /// <summary>Contacts and follow-ups are made before a loss; the test then needs the partner lost again.</summary>
    private async Task WhileNotLost(Guid partnerId, Func<Task> action)
    {
        var lost = (await Coordinator.Get($"/api/partners/{partnerId}")).Json()["stage"]!.GetValue<string>() == "lost";
        if (lost)
        {
            await Coordinator.Post($"/api/partners/{partnerId}/reactivate", new { channel = "inbound", occurredOn = Today }, 200);
        }

        await action();
        if (lost)
        {
            await Coordinator.Post($"/api/partners/{partnerId}/lost", new { reason = "other", occurredOn = Today }, 200);
        }
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task Happy_path_records_one_event_and_answers_the_new_version(string route)
    {
        var (allowed, _, prepare, body) = Routes[route];
        var id = await PartnerAt(allowed);
        var url = await prepare(this, id);
        var before = (await Coordinator.Get($"/api/partners/{id}")).Json()["version"]!.GetValue<long>();

        var answer = await Coordinator.Post(url, body(Today), 200);

        var version = answer.Json()["version"]!.GetValue<long>();
        version.ShouldBe(before + 1);
        answer.Header("ETag").ShouldBe($"\"{version}\"");
        (await Coordinator.Get($"/api/partners/{id}")).Json()["version"]!.GetValue<long>().ShouldBe(version);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task Refused_in_the_wrong_stage_with_409_naming_it_and_nothing_written(string route)
    {
        var (_, refused, prepare, body) = Routes[route];
        if (refused is not { } stage)
        {
            return; // allowed in every stage
        }

        var id = await PartnerAt(stage);
        var url = await prepare(this, id);
        var before = (await Coordinator.Get($"/api/partners/{id}")).Json()["version"]!.GetValue<long>();

        var answer = await Coordinator.Post(url, body(Today), 409);

        answer.Json()["detail"]!.GetValue<string>().ShouldContain($"'{stage.ToString().ToLowerInvariant()}'");
        answer.Json()["stage"]!.GetValue<string>().ShouldBe(stage.ToString().ToLowerInvariant());
        (await Coordinator.Get($"/api/partners/{id}")).Json()["version"]!.GetValue<long>().ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task Unknown_partner_is_404(string route)
    {
        await Coordinator.Post(AnyUrl(route, Guid.NewGuid()), Routes[route].Body(Today), 404);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task Analysts_and_auditors_may_not_send_it(string route)
    {
        var url = AnyUrl(route, Guid.NewGuid());
        await As(Roles.Analyst).Post(url, Routes[route].Body(Today), 403);
        await As(Roles.Auditor).Post(url, Routes[route].Body(Today), 403);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task Missing_fields_and_malformed_json_are_400(string route)
    {
        var url = AnyUrl(route, await NewPartner());

        var empty = await Coordinator.Post(url, new { }, 400);
        if (route is not "contacts/departed" and not "resume")
        {
            empty.Json()["errors"]!.AsObject().Count.ShouldBeGreaterThan(0);
        }

        await Coordinator.Post(url, "{ not json", 400);
    }
}
