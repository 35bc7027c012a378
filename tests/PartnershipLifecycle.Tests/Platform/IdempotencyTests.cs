using Marten;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary><c>Idempotency-Key</c>: the same key in the same tenant answers the first answer and writes nothing more.</summary>
public class IdempotencyTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task A_repeated_command_answers_the_first_answer_and_appends_once()
    {
        var id = await NewPartner();
        var body = new { channel = "email", direction = "outbound", summary = "newsletter", occurredOn = Today };
        void Key(Alba.Scenario s) => s.WithRequestHeader("Idempotency-Key", "send-newsletter-42");

        var first = await Coordinator.Post($"/api/partners/{id}/communications", body, 200, Key);
        var second = await Coordinator.Post($"/api/partners/{id}/communications", body, 200, Key);

        second.ReadAsText().ShouldBe(first.ReadAsText());
        second.Header("ETag").ShouldBe(first.Header("ETag"));
        await using var session = Store.QuerySession(Tenant);
        (await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_repeated_creation_creates_one_partner()
    {
        var body = new { name = "Idempotent Industries", sector = "x", channel = "inbound" };
        void Key(Alba.Scenario s) => s.WithRequestHeader("Idempotency-Key", "create-1");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", "Bearer " + Fixture.TokenFor(Tenant, "coordinator"));
            Key(s);
            s.Post.Json(body).ToUrl("/api/partners");
            s.IgnoreStatusCode();
        })));

        answers.Select(a => a.Context.Response.StatusCode + " " + a.ReadAsText()).ShouldAllBe(s => s.StartsWith("201"));
        answers.Select(a => a.Json()["partnerId"]!.GetValue<Guid>()).Distinct().Count().ShouldBe(1);
        (await Coordinator.Get("/api/partners")).Json()["total"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task A_command_repeated_concurrently_answers_the_first_answer_even_where_a_second_would_be_refused()
    {
        var id = await PartnerAt(PartnershipLifecycle.Partners.Stage.Active);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", "Bearer " + Fixture.TokenFor(Tenant, "coordinator"));
            s.WithRequestHeader("Idempotency-Key", "pause-once");
            s.Post.Json(new { reason = "summer", occurredOn = Today }).ToUrl($"/api/partners/{id}/pause");
            s.IgnoreStatusCode();
        })));

        answers.Select(a => a.Context.Response.StatusCode).ShouldAllBe(s => s == 200);
        answers.Select(a => a.ReadAsText()).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_in_another_tenant_is_another_command()
    {
        void Key(Alba.Scenario s) => s.WithRequestHeader("Idempotency-Key", "shared-key");
        var here = await Coordinator.Post("/api/partners", new { name = "Here Ltd", sector = "x", channel = "inbound" }, 201, Key);
        var there = await As("coordinator", tenant: "other-" + Tenant).Post("/api/partners", new { name = "There Ltd", sector = "x", channel = "inbound" }, 201, Key);

        there.Json()["partnerId"]!.GetValue<Guid>().ShouldNotBe(here.Json()["partnerId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_key_expires_after_24_hours()
    {
        var id = await NewPartner();
        var body = new { channel = "email", summary = "ping", occurredOn = Today };
        void Key(Alba.Scenario s) => s.WithRequestHeader("Idempotency-Key", "ping-" + id);

        await Coordinator.Post($"/api/partners/{id}/outreach", body, 200, Key);
        Fixture.Clock.Advance(TimeSpan.FromHours(25));
        var later = await Coordinator.Post($"/api/partners/{id}/outreach", body with { occurredOn = Today }, 200, Key);

        later.Json()["version"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public async Task A_key_reused_with_another_request_is_422_and_writes_nothing()
    {
        var id = await NewPartner();
        var other = await NewPartner();
        var body = new { channel = "email", direction = "outbound", summary = "newsletter", occurredOn = Today };
        void Key(Alba.Scenario s) => s.WithRequestHeader("Idempotency-Key", "reused-" + id);

        await Coordinator.Post($"/api/partners/{id}/communications", body, 200, Key);
        var otherBody = await Coordinator.Post($"/api/partners/{id}/communications", body with { summary = "another newsletter" }, 422, Key);
        var otherPartner = await Coordinator.Post($"/api/partners/{other}/communications", body, 422, Key);
        var otherCommand = await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "newsletter", occurredOn = Today }, 422, Key);

        otherBody.Json()["partnerId"].ShouldBeNull(); // not the first answer, naming the first partner
        otherPartner.Json()["title"]!.GetValue<string>().ShouldContain("Idempotency-Key");
        await using var session = Store.QuerySession(Tenant);
        var ct = TestContext.Current.CancellationToken;
        (await session.Events.FetchStreamAsync(id, token: ct)).Count.ShouldBe(2);
        (await session.Events.FetchStreamAsync(other, token: ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_body_written_differently_is_the_same_request()
    {
        var id = await NewPartner();
        void Key(Alba.Scenario s) => s.WithRequestHeader("Idempotency-Key", "spacing-" + id);

        var first = await Coordinator.Post($"/api/partners/{id}/outreach",
            $$"""{"channel":"email","summary":"hi","occurredOn":"{{Today:yyyy-MM-dd}}"}""", 200, Key);
        var again = await Coordinator.Post($"/api/partners/{id}/outreach",
            $$"""{ "occurredOn": "{{Today:yyyy-MM-dd}}",  "summary": "hi", "channel": "email" }""", 200, Key);

        again.ReadAsText().ShouldBe(first.ReadAsText());
    }

    [Fact]
    public async Task A_refusal_is_replayed_too_even_after_the_partner_has_changed()
    {
        var id = await NewPartner();
        var pitch = new { valueProposition = "trained juniors", offerings = new[] { "work_placement" }, occurredOn = Today };
        void Key(Alba.Scenario s) => s.WithRequestHeader("Idempotency-Key", "pitch-" + id);

        var refused = await Coordinator.Post($"/api/partners/{id}/pitches", pitch, 409, Key);
        await Advance(id, PartnershipLifecycle.Partners.Stage.Contacted); // a pitch would now be allowed
        var replayed = await Coordinator.Post($"/api/partners/{id}/pitches", pitch, 409, Key);

        replayed.Json()["detail"]!.GetValue<string>().ShouldBe(refused.Json()["detail"]!.GetValue<string>());
        await using var session = Store.QuerySession(Tenant);
        (await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_unusable_key_is_400()
    {
        var id = await NewPartner();
        var answer = await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "x", occurredOn = Today }, 400,
            s => s.WithRequestHeader("Idempotency-Key", new string('k', 201)));
        answer.Json()["errors"]!["Idempotency-Key"].ShouldNotBeNull();
    }
}
