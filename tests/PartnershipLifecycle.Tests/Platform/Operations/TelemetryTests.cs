using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnershipLifecycle.Platform.Telemetry;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform.Operations;

public class TelemetryTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private TelemetryCapture Telemetry => Fixture.Telemetry;

    [Fact]
    public async Task One_command_is_one_trace_from_the_request_to_the_sql()
    {
        var id = await NewPartner();
        var trace = Telemetry.Watch();

        await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hello", occurredOn = Today }, 200,
            TelemetryCapture.Traced(trace));

        var spans = await Telemetry.SpansOf(trace);
        var request = spans.Where(s => s.Kind == ActivityKind.Server).ShouldHaveSingleItem();
        request.GetTagItem("http.route").ShouldBe("/api/partners/{id}/outreach");
        request.GetTagItem("http.response.status_code").ShouldBe(200);
        request.GetTagItem("tenant.id").ShouldBe(Tenant);
        request.GetTagItem("partner.id").ShouldBe(id.ToString());
        request.GetTagItem("command.outcome").ShouldBe("accepted");

        // The command runs in the request itself (its generated endpoint), not in a message handler behind it.
        request.GetTagItem("handler.type").ShouldBe(typeof(PartnershipLifecycle.Partners.ReachingOut.LogOutreachEndpoint).FullName);
        spans.ShouldNotContain(s => s.Source.Name == "Wolverine" && s.GetTagItem("messaging.message_type") != null
            && ((string)s.GetTagItem("messaging.message_type")!).EndsWith(".LogOutreach"), "no hop through the message bus");

        // Marten works in the same trace: it loads the partner locking its stream (writers take turns) and appends the
        // events in the same transaction, on one connection (Marten's connection span, still open when the request
        // ends, is their common parent).
        var sql = spans.Where(s => s.Source.Name == "Npgsql").ToArray();
        var locked = sql.Where(s => ((string?)s.GetTagItem("db.query.text"))?.Contains("for update") == true).ShouldHaveSingleItem("the stream is locked");
        var append = sql.Where(s => ((string?)s.GetTagItem("db.query.text"))?.Contains("mt_quick_append_events") == true).ShouldHaveSingleItem("the events are appended");
        append.ParentSpanId.ShouldBe(locked.ParentSpanId, "locked and appended on one connection");
        append.Kind.ShouldBe(ActivityKind.Client);
    }

    [Fact]
    public async Task A_query_is_a_span_of_its_own_inside_the_request()
    {
        var id = await NewPartner();
        var trace = Telemetry.Watch();

        await Coordinator.Get($"/api/partners/{id}", 200, TelemetryCapture.Traced(trace));

        var spans = await Telemetry.SpansOf(trace);
        var query = spans.Where(s => s.Source.Name == PartnershipTelemetry.Queries.Name).ShouldHaveSingleItem();
        query.DisplayName.ShouldBe("query GetPartner");
        query.GetTagItem("tenant.id").ShouldBe(Tenant);
        IsWithin(query, spans.Single(s => s.Kind == ActivityKind.Server), spans).ShouldBeTrue();
        spans.ShouldContain(s => s.Source.Name == "Npgsql" && IsWithin(s, query, spans));
    }

    [Fact]
    public async Task A_command_counts_as_handled_with_its_outcome_and_its_events_as_appended()
    {
        var id = await NewPartner();
        var (refusal, acceptance) = (Telemetry.Watch(), Telemetry.Watch());

        await Coordinator.Post($"/api/partners/{id}/pitches", new { valueProposition = "x", offerings = new[] { "mentorship" }, occurredOn = Today },
            409, TelemetryCapture.Traced(refusal));
        await Coordinator.Post($"/api/partners/{id}/lost", new { reason = "capacity_change", occurredOn = Today }, 200, TelemetryCapture.Traced(acceptance));

        (await Telemetry.MeasurementsOf(refusal)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            m => m.Instrument.ShouldBe(PartnershipMetrics.CommandsHandled),
            m => m.Tags["command"].ShouldBe("DeliverPitch"),
            m => m.Tags["outcome"].ShouldBe("conflict"));
        var measurements = await Telemetry.MeasurementsOf(acceptance);
        measurements.ShouldContain(m => m.Instrument == PartnershipMetrics.CommandsHandled
            && Equals(m.Tags["command"], "MarkPartnershipLost") && Equals(m.Tags["outcome"], "accepted") && m.Value == 1);
        measurements.ShouldContain(m => m.Instrument == PartnershipMetrics.EventsAppended
            && Equals(m.Tags["event_type"], "partnership_lost") && m.Value == 1);
    }

    [Theory]
    [InlineData("{\"channel\":\"email\",\"summary\":\"\",\"occurredOn\":\"2026-01-05\"}", 400, "invalid")] // refused by Validate()
    [InlineData("{\"channel\":\"carrier_pigeon\"}", 400, "invalid")] // refused by the body check
    public async Task A_command_refused_before_its_handler_counts_too(string body, int status, string outcome)
    {
        var id = await NewPartner();
        var trace = Telemetry.Watch();

        await Coordinator.Post($"/api/partners/{id}/outreach", body, status, TelemetryCapture.Traced(trace));

        var measurement = (await Telemetry.MeasurementsOf(trace)).ShouldHaveSingleItem();
        measurement.Instrument.ShouldBe(PartnershipMetrics.CommandsHandled);
        measurement.Tags["command"].ShouldBe("LogOutreach");
        measurement.Tags["outcome"].ShouldBe(outcome);
    }

    [Fact]
    public async Task A_command_on_no_partner_counts_as_not_found()
    {
        var trace = Telemetry.Watch();

        await Coordinator.Post($"/api/partners/{Guid.NewGuid()}/pause", new { reason = "x", occurredOn = Today }, 404, TelemetryCapture.Traced(trace));

        (await Telemetry.MeasurementsOf(trace)).ShouldHaveSingleItem().Tags["outcome"].ShouldBe("not_found");
    }

    [Fact]
    public async Task Our_meter_and_the_libraries_meters_reach_the_exporter()
    {
        await NewPartner();

        Host.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();

        var exported = Telemetry.Metrics.Select(m => (m.MeterName, m.Name)).ToHashSet();
        exported.ShouldContain((PartnershipTelemetry.MeterName, PartnershipMetrics.CommandsHandled));
        exported.ShouldContain((PartnershipTelemetry.MeterName, PartnershipMetrics.EventsAppended));
        exported.ShouldContain(m => m.MeterName == "Microsoft.AspNetCore.Hosting" && m.Name == "http.server.request.duration");
        exported.ShouldContain(m => m.MeterName.StartsWith("Wolverine"));
        exported.ShouldContain(m => m.MeterName == "Marten");
        exported.ShouldContain(m => m.MeterName == "Npgsql");
    }

    [Fact]
    public void The_service_is_named_by_default()
    {
        var resource = Host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary();

        resource["service.name"].ShouldBe(PartnershipTelemetry.ServiceName);
        resource.ShouldContainKey("service.version");
    }

    [Fact]
    public void Alerts_and_webhook_deliveries_have_their_instruments()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new PartnershipMetrics(services.GetRequiredService<IMeterFactory>());
        var recorded = new List<(string Instrument, string Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == services.GetRequiredService<IMeterFactory>())
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => recorded.Add((instrument.Name, $"{tags[0].Key}={tags[0].Value}")));
        listener.Start();

        metrics.AlertRaised("champion_departed");
        metrics.WebhookDelivery("delivered");

        recorded.ShouldBe([(PartnershipMetrics.AlertsRaised, "kind=champion_departed"), (PartnershipMetrics.WebhookDeliveries, "outcome=delivered")]);
    }

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/> within one trace.</summary>
    private static bool IsWithin(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
