using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Security;

/// <summary>Logs, traces, health answers and problem details carry no webhook secret and no signing key.</summary>
public class SecretsInTelemetryTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task A_webhook_registration_leaves_its_secret_in_no_log_span_or_answer()
    {
        var secret = "telemetry-secret-" + Guid.NewGuid().ToString("N");
        var trace = Fixture.Telemetry.Watch();
        var answer = await As(Roles.Admin).Post("/api/admin/webhooks",
            new { url = "https://hooks.example.com/t", events = new[] { "partnership_lost" }, secret }, 201, TelemetryCapture.Traced(trace));

        var logs = await Fixture.Telemetry.LogsOf(trace);
        var spans = await Fixture.Telemetry.SpansOf(trace);
        spans.ShouldNotBeEmpty();
        var seen = string.Join("\n", logs.Select(l => l.Message + " " + string.Join(" ", l.Scope.Values)))
            + string.Join("\n", spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")))));
        seen.ShouldNotContain(secret);
        seen.ShouldNotContain(AppFixture.SigningKey);
        answer.ReadAsText().ShouldNotContain(secret);
    }

    [Fact]
    public async Task Health_and_refusals_show_no_signing_key_or_connection_string()
    {
        var ready = (await Host.Scenario(s => { s.Get.Url("/health/ready"); s.IgnoreStatusCode(); })).ReadAsText();
        var refused = (await new Caller(Host, "not-a-token").Get("/api/partners", 401)).ReadAsText();
        foreach (var text in new[] { ready, refused })
        {
            text.ShouldNotContain(AppFixture.SigningKey);
            text.ShouldNotContain("Host=");
            text.ShouldNotContain("Username=");
        }
    }
}
