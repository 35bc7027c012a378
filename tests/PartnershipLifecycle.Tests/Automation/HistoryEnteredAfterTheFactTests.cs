using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Marten.Storage;
using Npgsql;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;
using Wolverine;
using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.Automation;

/// <summary>
/// Issue 18, point 2: an MOU typed in after it ended is lost dated the day after its end, not the day it was typed
/// in; automation waits <c>Mou:GraceAfterEntry</c> (a day) so the renewal that followed can be typed in; no
/// <c>mou_expiring</c> for an MOU already ended. The service's clock is a fake one, moved forward.
/// </summary>
public partial class HistoryEnteredAfterTheFactTests(AutomationFixture fixture) : AutomationContext(fixture)
{
    private Task<ITrackedSession> DailyChecks(string? tenant = null) =>
        Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .SendMessageAndWaitAsync(new DailyTenantChecks(tenant ?? Tenant), new DeliveryOptions { TenantId = tenant ?? Tenant });

    private static readonly TimeSpan PastTheGrace = TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1);

    /// <summary>A partner identified on <paramref name="start"/>, contacted and pitched, with an MOU signed then.</summary>
    private async Task<Guid> PartnerWithMou(string tenant, DateOnly start, DateOnly mouEndsOn)
    {
        var coordinator = As(Roles.Coordinator, tenant);
        var created = await coordinator.Post("/api/partners", new { name = "Lantau Logistics", sector = "logistics", channel = "inbound", occurredOn = start }, 201);
        var id = created.Json()["partnerId"]!.GetValue<Guid>();
        await coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hi", occurredOn = start.AddDays(1) }, 200);
        await coordinator.Post($"/api/partners/{id}/pitches", new { valueProposition = "v", offerings = new[] { "mentorship" }, occurredOn = start.AddDays(2) }, 200);
        await coordinator.Post($"/api/partners/{id}/mou", new
        {
            signedOn = start.AddDays(3), startsOn = start.AddDays(3), endsOn = mouEndsOn,
            commitments = new { placementsPerYear = 4, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
        }, 200);
        return id;
    }

    private async Task<string[]> EventTypes(Guid partner) =>
        [.. (await Coordinator.Get($"/api/partners/{partner}/history")).Json()["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>())];

    [Fact]
    public async Task An_mou_that_ended_long_ago_entered_today_is_lost_dated_the_day_after_its_end_once_the_grace_period_passed()
    {
        var (receiver, _) = await Webhook(IntegrationEventTypes.MouExpiring, IntegrationEventTypes.PartnershipLost);
        await using var _ = receiver;
        // Issue 18: signed 2025-01-28, ended 2025-07-27, entered 2026-11-30: here the same distances from today.
        var endsOn = Today.AddDays(-491);
        var partner = await PartnerWithMou(Tenant, Today.AddDays(-700), endsOn);

        // Within the grace period: the partner is still active, whatever the daily checks find.
        await DailyChecks();
        (await Coordinator.Get($"/api/partners/{partner}")).Json()["stage"]!.GetValue<string>().ShouldBe("active");

        Fixture.Clock.Advance(PastTheGrace);
        await DailyChecks();

        var lost = await receiver.WaitForType(IntegrationEventTypes.PartnershipLost);
        lost.Json["data"]!["reason"]!.GetValue<string>().ShouldBe("mou_expired");
        var dayAfterEnd = endsOn.AddDays(1);
        lost.Json["data"]!["occurredOn"]!.GetValue<string>().ShouldBe(dayAfterEnd.ToString("yyyy-MM-dd"));
        var view = (await Coordinator.Get($"/api/partners/{partner}")).Json();
        view["stage"]!.GetValue<string>().ShouldBe("lost");
        view["loss"]!["on"]!.GetValue<string>().ShouldBe(dayAfterEnd.ToString("yyyy-MM-dd"));
        (await Coordinator.Get($"/api/partners/{partner}/story")).Json()["narrative"]!.GetValue<string>()
            .ShouldContain($"It was lost on {dayAfterEnd.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} (mou expired)");

        // No reminder for an MOU that had ended when it was entered.
        (await EventTypes(partner)).ShouldNotContain("mou_expiring");
        receiver.All.ShouldNotContain(r => r.EventType == IntegrationEventTypes.MouExpiring);
    }

    [Fact]
    public async Task The_renewal_typed_in_right_after_an_ended_mou_is_accepted_and_reads_as_the_same_history_entered_live()
    {
        var t0 = Today;
        var start = t0.AddDays(-200);
        var endsOn = t0.AddDays(5);
        var renewal = new { endsOn = t0.AddDays(400), occurredOn = t0.AddDays(3) };

        // Live: the MOU is signed, renewed three days later, and its first end passes.
        var live = await PartnerWithMou(Tenant, start, endsOn);
        Fixture.Clock.Advance(TimeSpan.FromDays(3));
        await Do(live, "mou/renew", renewal);
        Fixture.Clock.Advance(TimeSpan.FromDays(5));
        await DailyChecks();

        // After the fact, in another institution: the same events typed in once the first end has passed.
        var other = "t-" + Guid.NewGuid().ToString("N")[..12];
        var typed = await PartnerWithMou(other, start, endsOn);
        await DailyChecks(other); // automation finds the ended MOU at once, and waits
        await As(Roles.Coordinator, other).Post($"/api/partners/{typed}/mou/renew", renewal, 200); // was 409: already lost
        Fixture.Clock.Advance(PastTheGrace);
        await DailyChecks(other);
        await DailyChecks();
        await ProjectionsCaughtUp();

        var expected = await Reads(Tenant, live);
        var actual = await Reads(other, typed);
        actual.ShouldBe(expected);
        JsonNode.Parse(actual[0])!["stage"]!.GetValue<string>().ShouldBe("active");
        (await EventTypes(live)).ShouldNotContain("partnership_lost");
    }

    /// <summary>The partner, its story and its analytics row, with ids and versions masked.</summary>
    private async Task<string[]> Reads(string tenant, Guid id)
    {
        var caller = As(Roles.Analyst, tenant);
        await using var connection = Store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "select (to_jsonb(p) - 'tenant_id' - 'partner_id')::text from analytics.partners p where tenant_id = @t and partner_id = @p", connection);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("p", id);
        return
        [
            Masked((await caller.Get($"/api/partners/{id}")).ReadAsText()),
            Masked((await caller.Get($"/api/partners/{id}/story")).ReadAsText()),
            Masked((string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!),
        ];
    }

    private static string Masked(string json) => Version().Replace(Uuid().Replace(json, "<id>"), "\"version\":0");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex("\"version\":\\d+")]
    private static partial Regex Version();
}
