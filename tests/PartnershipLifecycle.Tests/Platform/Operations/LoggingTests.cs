using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform.Operations;

public class LoggingTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task Every_command_logs_in_a_scope_naming_its_tenant_correlation_id_and_partner()
    {
        var id = await NewPartner();
        var trace = Fixture.Telemetry.Watch();

        await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "phone", summary = "call", occurredOn = Today }, 200,
            s =>
            {
                TelemetryCapture.Traced(trace)(s);
                s.WithRequestHeader(CommandAnswers.CorrelationIdHeader, "corr-42");
            });

        var line = (await Fixture.Telemetry.LogsOf(trace)).Where(l => l.Category == CommandAnswers.LogCategory).ShouldHaveSingleItem();
        line.Level.ShouldBe(LogLevel.Information);
        line.Message.ShouldBe($"LogOutreach on partner {id}: accepted (200)");
        line.Scope["TenantId"].ShouldBe(Tenant);
        line.Scope["CorrelationId"].ShouldBe("corr-42");
        line.Scope["PartnerId"].ShouldBe(id);
        line.Scope["Command"].ShouldBe("LogOutreach");
    }

    [Fact]
    public async Task A_refused_command_is_logged_with_its_outcome_in_the_same_scope()
    {
        var id = await NewPartner();
        var trace = Fixture.Telemetry.Watch();

        await Coordinator.Post($"/api/partners/{id}/resume", new { occurredOn = Today }, 409, TelemetryCapture.Traced(trace));

        var line = (await Fixture.Telemetry.LogsOf(trace)).Where(l => l.Category == CommandAnswers.LogCategory).ShouldHaveSingleItem();
        line.Message.ShouldBe($"ResumePartnership on partner {id}: conflict (409)");
        line.Scope["PartnerId"].ShouldBe(id);
        line.Scope["CorrelationId"].ShouldBe(trace.ToString(), "without X-Correlation-Id the trace id is the correlation id");
    }

    [Fact]
    public void Json_console_logs_carry_the_scopes_and_a_utc_timestamp()
    {
        var json = Host.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        json.IncludeScopes.ShouldBeTrue();
        json.UseUtcTimestamp.ShouldBeTrue();
        json.TimestampFormat.ShouldNotBeNullOrEmpty();
    }
}
