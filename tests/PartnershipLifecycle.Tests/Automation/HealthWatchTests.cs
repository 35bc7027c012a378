using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Tests.Support;
using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.Automation;

/// <summary><c>partnership_at_risk</c> goes out when health falls into <c>at_risk</c>, once per fall.</summary>
public class HealthWatchTests(AutomationFixture fixture) : AutomationContext(fixture)
{
    private object PoorEvaluation => new
    {
        period = "term", studentSatisfaction = 2, partnerSatisfaction = 2, mentorPreparedness = 3, studentInterest = 3, hires = 0, occurredOn = Today,
    };

    [Fact]
    public async Task A_fall_into_at_risk_is_announced_once()
    {
        var (receiver, _) = await Webhook(IntegrationEventTypes.PartnershipAtRisk);
        await using var _ = receiver;
        var partner = await ActivePartner();
        var champion = await AddContact(partner, "Chloe", "champion");

        // Two alerts (-40) and a poor evaluation (-20): 40, at risk.
        await Do(partner, $"contacts/{champion}/departed", new { occurredOn = Today });
        await Do(partner, "evaluations", PoorEvaluation);

        var atRisk = await receiver.WaitForType(IntegrationEventTypes.PartnershipAtRisk);
        atRisk.Json["partnerId"]!.GetValue<Guid>().ShouldBe(partner);
        atRisk.Json["data"]!["band"]!.GetValue<string>().ShouldBe("at_risk");
        atRisk.Json["data"]!["score"]!.GetValue<int>().ShouldBeLessThan(50);
        atRisk.Json["data"]!["factors"]!.AsArray().ShouldNotBeEmpty();

        // Still at risk: no second announcement.
        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .WaitForCondition(new MessageFinished<RescorePartnerHealth>(tenantId: Tenant))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) => Do(partner, "evaluations", PoorEvaluation));
        receiver.All.Count(r => r.EventType == IntegrationEventTypes.PartnershipAtRisk).ShouldBe(1);
    }

    [Fact]
    public void A_fall_is_a_change_into_at_risk_and_each_fall_has_its_own_event_id()
    {
        var health = new PartnershipLifecycle.EngagementHealth.PartnerHealth(Guid.NewGuid(), "P", 40, PartnershipLifecycle.Partners.HealthBand.AtRisk, [], null);
        var now = DateTimeOffset.UnixEpoch;

        var (first, fell) = HealthWatchHandlers.Observe(null, health, "t", now);
        fell.ShouldNotBeNull();
        HealthWatchHandlers.Observe(first, health, "t", now).AtRisk.ShouldBeNull();

        var (recovered, _) = HealthWatchHandlers.Observe(first, health with { Score = 80, Band = PartnershipLifecycle.Partners.HealthBand.Healthy }, "t", now);
        var (_, again) = HealthWatchHandlers.Observe(recovered, health, "t", now);
        again.ShouldNotBeNull();
        again.Id.ShouldNotBe(fell.Id);
    }

    [Fact]
    public async Task The_daily_checks_visit_each_tenant_that_has_partners_not_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        var partner = await NewPartner();
        var onlyLost = "t-" + Guid.NewGuid().ToString("N")[..12];
        await using (var session = Store.LightweightSession(Tenant))
        {
            var stored = (await session.LoadAsync<PartnershipLifecycle.Partners.Partner>(partner, ct)).ShouldNotBeNull();
            stored.TenantId.ShouldBe(Tenant, "Marten fills the partner's tenant when it loads the snapshot");
            await using var other = Store.LightweightSession(onlyLost);
            other.Store(stored with { Id = Guid.NewGuid(), Stage = Stage.Lost });
            await other.SaveChangesAsync(ct);
        }

        await using var query = Store.QuerySession();
        var tenants = await HealthWatchHandlers.TenantsWithLivePartnersAsync(query, ct);

        tenants.ShouldContain(Tenant);
        tenants.ShouldNotContain(onlyLost);
        tenants.ShouldBeUnique();
    }
}
