using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Tests.Support;
using Wolverine;
using Wolverine.Tracking;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Tests.Automation;

/// <summary>
/// <c>mou_expiring</c> once, <c>Mou:RemindBefore</c> (60 days) before an MOU ends; a renewal moves it; an MOU
/// that ends unrenewed loses the partner. The service's clock is a fake one: the daily checks catch what
/// fell due when it moves.
/// </summary>
public class MouExpiryTests(AutomationFixture fixture) : AutomationContext(fixture)
{
    private Task<ITrackedSession> DailyChecks() =>
        Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .SendMessageAndWaitAsync(new DailyTenantChecks(Tenant), new DeliveryOptions { TenantId = Tenant });

    /// <summary>
    /// Runs <paramref name="commands"/> and waits for the automation they set off (the MOU's schedule and its hold):
    /// daily checks run before it would race it and could remind an MOU the hold was about to hold.
    /// </summary>
    private async Task<T> Settled<T>(Func<Task<T>> commands)
    {
        T result = default!;
        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((IMessageContext _) => Task.Run(async () => result = await commands()));
        return result;
    }

    [Fact]
    public async Task An_mou_ending_within_the_reminder_window_is_announced_after_the_grace_period_and_only_once()
    {
        var (receiver, _) = await Webhook(IntegrationEventTypes.MouExpiring);
        await using var _ = receiver;

        var endsOn = Today.AddDays(30);
        var partner = await Settled(() => ActivePartner(endsOn: endsOn));

        // Already within the window as it is entered: automation waits Mou:GraceAfterEntry (a day), then reminds.
        await DailyChecks();
        receiver.All.ShouldNotContain(r => r.EventType == IntegrationEventTypes.MouExpiring);
        Fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await DailyChecks();

        var expiring = await receiver.WaitForType(IntegrationEventTypes.MouExpiring);
        expiring.Json["partnerId"]!.GetValue<Guid>().ShouldBe(partner);
        expiring.Json["data"]!["daysLeft"]!.GetValue<int>().ShouldBe(29);
        expiring.Json["data"]!["endsOn"]!.GetValue<string>().ShouldBe(endsOn.ToString("yyyy-MM-dd"));

        await DailyChecks();
        receiver.All.Count(r => r.EventType == IntegrationEventTypes.MouExpiring).ShouldBe(1);
        var history = (await Coordinator.Get($"/api/partners/{partner}/history")).Json()["events"]!.AsArray();
        history.Count(e => e!["type"]!.GetValue<string>() == "mou_expiring").ShouldBe(1);
        history.Single(e => e!["type"]!.GetValue<string>() == "mou_expiring")!["actor"]!.GetValue<string>().ShouldBe(Actors.Automation);
    }

    [Fact]
    public async Task A_renewal_moves_the_reminder_and_an_unrenewed_end_loses_the_partner()
    {
        var (receiver, _) = await Webhook(IntegrationEventTypes.MouExpiring, IntegrationEventTypes.PartnershipLost);
        await using var _ = receiver;
        var start = Today;
        var partner = await Settled(() => ActivePartner(endsOn: start.AddDays(90)));
        await Settled(async () =>
        {
            await Do(partner, "mou/renew", new { endsOn = start.AddDays(400), occurredOn = start });
            return partner;
        });

        // Past the first end's reminder date: nothing, the MOU now ends later.
        Fixture.Clock.Advance(TimeSpan.FromDays(45));
        await DailyChecks();
        receiver.All.ShouldNotContain(r => r.EventType == IntegrationEventTypes.MouExpiring);

        // 50 days before the renewed end: the reminder, for the new end date.
        Fixture.Clock.Advance(TimeSpan.FromDays(305));
        await DailyChecks();
        var expiring = await receiver.WaitForType(IntegrationEventTypes.MouExpiring);
        expiring.Json["data"]!["endsOn"]!.GetValue<string>().ShouldBe(start.AddDays(400).ToString("yyyy-MM-dd"));

        // The day after the end, unrenewed: lost, for mou_expired.
        Fixture.Clock.Advance(TimeSpan.FromDays(51));
        await DailyChecks();
        var lost = await receiver.WaitForType(IntegrationEventTypes.PartnershipLost);
        lost.Json["data"]!["reason"]!.GetValue<string>().ShouldBe("mou_expired");
        lost.Json["data"]!["fromStage"]!.GetValue<string>().ShouldBe("active");
        (await Coordinator.Get($"/api/partners/{partner}")).Json()["stage"]!.GetValue<string>().ShouldBe("lost");
        receiver.All.Count(r => r.EventType == IntegrationEventTypes.MouExpiring).ShouldBe(1);
    }
}
