using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Tests.Support;
using Wolverine.Tracking;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Tests.Automation;

/// <summary>An alert left unresolved for <c>Alerts:EscalateAfter</c> (3 s here) is escalated; a resolved one never is.</summary>
public class EscalationTests(AutomationFixture fixture) : AutomationContext(fixture)
{
    private async Task<(Guid Partner, Guid Champion)> PartnerWithTeam()
    {
        var partner = await NewPartner("Escalating Ltd");
        var champion = await AddContact(partner, "Chloe Chan", "champion");
        await AddContact(partner, "Max Mentor", "mentor");
        return (partner, champion);
    }

    [Fact]
    public async Task An_unresolved_alert_is_escalated_after_the_configured_delay()
    {
        var (receiver, _) = await Webhook(IntegrationEventTypes.TurnoverAlertEscalated);
        await using var _ = receiver;
        var (partner, champion) = await PartnerWithTeam();

        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .WaitForCondition(new MessageFinished<CheckTurnoverAlertEscalation>(tenantId: Tenant))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) => Do(partner, $"contacts/{champion}/departed", new { occurredOn = Today }));

        var escalated = await receiver.WaitForType(IntegrationEventTypes.TurnoverAlertEscalated);
        escalated.Json["data"]!["escalated"]!.GetValue<bool>().ShouldBeTrue();
        escalated.Json["data"]!["kind"]!.GetValue<string>().ShouldBe("champion_departed");

        await ProjectionsCaughtUp();
        var alert = (await Coordinator.Get("/api/alerts?status=open")).Json()["items"]!.AsArray().Single()!;
        alert["escalated"]!.GetValue<bool>().ShouldBeTrue();
        var last = (await Coordinator.Get($"/api/partners/{partner}/history")).Json()["events"]!.AsArray().Last()!;
        last["type"]!.GetValue<string>().ShouldBe("turnover_alert_escalated");
        last["actor"]!.GetValue<string>().ShouldBe(Actors.Automation);
    }

    [Fact]
    public async Task A_resolved_alert_is_never_escalated()
    {
        var (receiver, _) = await Webhook(IntegrationEventTypes.TurnoverAlertEscalated, IntegrationEventTypes.TurnoverAlertResolved);
        await using var _ = receiver;
        var (partner, champion) = await PartnerWithTeam();

        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .WaitForCondition(new MessageFinished<CheckTurnoverAlertEscalation>(tenantId: Tenant))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) => DepartThenNameAChampion());

        async Task DepartThenNameAChampion()
        {
            await Do(partner, $"contacts/{champion}/departed", new { occurredOn = Today });
            await ProjectionsCaughtUp();
            await AddContact(partner, "Dev Patel", "champion");
            await receiver.WaitForType(IntegrationEventTypes.TurnoverAlertResolved);
        }

        receiver.All.ShouldNotContain(r => r.EventType == IntegrationEventTypes.TurnoverAlertEscalated);
        (await Coordinator.Get("/api/alerts?status=resolved")).Json()["items"]!.AsArray().Single()!["escalated"]!.GetValue<bool>().ShouldBeFalse();
        (await Coordinator.Get($"/api/partners/{partner}/history")).Json()["events"]!.AsArray()
            .ShouldNotContain(e => e!["type"]!.GetValue<string>() == "turnover_alert_escalated");
    }
}
