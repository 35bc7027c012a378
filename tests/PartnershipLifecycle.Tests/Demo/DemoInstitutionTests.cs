using System.Text.Json;
using Marten;
using PartnershipLifecycle.Api.Demo;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Demo;

/// <summary>
/// The demo institution (<c>seed --demo</c>, issue 17): every request of its plan is accepted by the service's own
/// rules, and the lives it makes show every stage, recruitment channel, loss reason and turnover alert kind.
/// </summary>
public class DemoInstitutionTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>One life of each kind (22) covers everything; the default 40 adds a second round of the same kinds.</summary>
    private const int OneOfEachLife = 22;

    [Fact]
    public async Task Every_request_of_the_plan_is_accepted_and_the_lives_cover_every_stage_channel_loss_and_alert_kind()
    {
        var plan = DemoInstitution.Plan(seed: 7, Today, OneOfEachLife);
        foreach (var request in plan)
        {
            await Coordinator.Post(request.Path, request.Body, request.Path == "/api/partners" ? 201 : 200);
        }

        await ProjectionsCaughtUp();
        await using var session = Store.QuerySession(Tenant);
        var partners = await session.Query<Partner>().ToListAsync(Token);
        partners.Count.ShouldBe(OneOfEachLife);
        partners.Select(p => p.Stage).Distinct().ShouldBe(Enum.GetValues<Stage>(), ignoreOrder: true);
        partners.Select(p => p.Channel).Distinct().ShouldBe(Enum.GetValues<RecruitmentChannel>(), ignoreOrder: true);
        partners.Where(p => p.Loss is not null).Select(p => p.Loss!.Reason).Distinct().ShouldBe(Enum.GetValues<LossReason>(), ignoreOrder: true);
        partners.Select(p => p.Name).ShouldContain(n => n.Any(c => c >= '\u4e00' && c <= '\u9fff'), "names in Chinese too");
        // Back-dated lives: a partner lost months ago was not in touch today (newcomer finding: every completed follow-up
        // made the day of seeding everyone's last interaction, and health never showed inactivity).
        partners.Where(p => p.Stage == Stage.Lost).ShouldAllBe(p => p.LastInteractionOn < Today);
        partners.Count(p => p.LastInteractionOn == Today).ShouldBeLessThan(OneOfEachLife / 3);

        var alerts = (await session.Query<PartnerTurnover>().ToListAsync(Token)).SelectMany(t => t.Alerts).ToArray();
        alerts.Select(a => a.Kind).Distinct().ShouldBe(Enum.GetValues<AlertKind>(), ignoreOrder: true);
        alerts.ShouldContain(a => a.Status == AlertStatus.Resolved);
        alerts.ShouldContain(a => a.Status == AlertStatus.Open);
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan_and_another_seed_another()
    {
        var today = new DateOnly(2026, 11, 30);
        string Text(int seed) => JsonSerializer.Serialize(DemoInstitution.Plan(seed, today).Select(r => new { r.Path, r.Body }));

        Text(1).ShouldBe(Text(1));
        Text(1).ShouldNotBe(Text(2));
    }
}
