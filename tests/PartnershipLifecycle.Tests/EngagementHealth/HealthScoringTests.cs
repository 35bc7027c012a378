using System.Collections.Immutable;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.EngagementHealth;

/// <summary>Engagement health at chosen dates: each factor, its limits, and the bands (pure, no database).</summary>
public class HealthScoringTests
{
    private static readonly HealthSettings Defaults = new();
    private static readonly DateOnly Day = Given.Day;

    private static PartnerHealth Assess(Partner partner, DateOnly today, PartnerTurnover? turnover = null, CommitmentLedger? ledger = null) =>
        HealthScoring.Assess(partner, turnover, ledger, today, Defaults);

    private static Partner ContactedOn(DateOnly on) => Given.Partner(new OutreachLogged(OutreachChannel.Email, "hi", on));

    [Theory]
    [InlineData(30, 100)]
    [InlineData(31, 90)]
    [InlineData(61, 80)]
    [InlineData(91, 65)]
    [InlineData(400, 65)]
    public void Inactivity_deducts_by_days_since_the_last_interaction(int days, int score)
    {
        var health = Assess(ContactedOn(Day), Day.AddDays(days));

        health.Score.ShouldBe(score);
        if (score < 100)
        {
            health.Factors.Single().Code.ShouldBe(HealthScoring.Codes.Inactivity);
            health.Factors.Single().Detail.ShouldContain($"{days} days");
        }
    }

    [Fact]
    public void A_partner_never_contacted_is_quiet_since_it_was_identified() =>
        Assess(Given.InStage(Stage.Prospect), Day.AddDays(45)).Factors.Single().Detail.ShouldContain("since it was identified");

    [Theory]
    [InlineData(1, 75, HealthBand.Healthy)]
    [InlineData(2, 60, HealthBand.Watch)]
    [InlineData(3, 60, HealthBand.Watch)]
    public void Each_unresolved_alert_deducts_25_up_to_40(int alerts, int score, HealthBand band)
    {
        var turnover = PartnerTurnover.For(Guid.NewGuid(), "x") with
        {
            Alerts = [.. Enumerable.Range(0, alerts).Select(i => new TurnoverAlert(Guid.NewGuid(), (AlertKind)(i + 1), AlertStatus.Open,
                DateTimeOffset.UnixEpoch, Day, Guid.NewGuid(), null, null))],
        };

        var health = Assess(ContactedOn(Day), Day, turnover);

        health.Score.ShouldBe(score);
        health.Band.ShouldBe(band);
    }

    [Fact]
    public void Resolved_alerts_do_not_count()
    {
        var turnover = PartnerTurnover.For(Guid.NewGuid(), "x") with
        {
            Alerts = [new TurnoverAlert(Guid.NewGuid(), AlertKind.HighTurnover, AlertStatus.Resolved, DateTimeOffset.UnixEpoch, Day, Guid.NewGuid(), null, null)],
        };
        Assess(ContactedOn(Day), Day, turnover).Score.ShouldBe(100);
    }

    private static (Partner, CommitmentLedger) ActiveWithPlacements(int perYear, params (int DaysAfterStart, int Students)[] placements)
    {
        var mou = new MouSigned(Day, Day, Day.AddYears(2), new Commitments(perYear, 1, 1, false), [], []);
        var partner = Given.Partner([.. Given.EventsTo(Stage.Pitched), mou]);
        var ledger = new CommitmentLedger
        {
            Id = partner.Id,
            Mou = new MouTerms(mou.StartsOn, mou.EndsOn, mou.Commitments),
            Engagements = [.. placements.Select(p => new DeliveredEngagement(EngagementType.WorkPlacement, Day.AddDays(p.DaysAfterStart), p.Students, 40))],
        };
        return (partner, ledger);
    }

    [Theory]
    [InlineData(90, 0, 0)]       // still in the first 90 days of the MOU year: not judged
    [InlineData(146, 4, 0)]      // 12/yr, 146 days in: 4.8 expected, 4 delivered = 83%
    [InlineData(146, 3, -10)]    // 63%
    [InlineData(146, 2, -20)]    // 42%
    [InlineData(365 + 100, 0, -20)] // the second MOU year counts from its own start
    public void Placements_below_the_pro_rated_commitment_deduct(int daysIn, int delivered, int impact)
    {
        var (partner, ledger) = ActiveWithPlacements(12, (10, delivered));
        var today = Day.AddDays(daysIn);

        var factor = Assess(partner with { LastInteractionOn = today }, today, ledger: ledger).Factors
            .SingleOrDefault(f => f.Code == HealthScoring.Codes.PlacementsBehind);

        (factor?.Impact ?? 0).ShouldBe(impact);
    }

    [Theory]
    [InlineData(4, 4, 3, 3, 0)]   // 3.5
    [InlineData(4, 3, 3, 3, -10)] // 3.25
    [InlineData(3, 3, 3, 2, -20)] // 2.75
    public void The_latest_evaluation_mean_deducts_below_3_5_and_3(int a, int b, int c, int d, int impact)
    {
        var partner = Given.Partner([.. Given.EventsTo(Stage.Active), new EvaluationRecorded("Q1", a, b, c, d, 0, null, Day)]);

        var factor = Assess(partner, Day).Factors.SingleOrDefault(f => f.Code == HealthScoring.Codes.EvaluationScores);

        (factor?.Impact ?? 0).ShouldBe(impact);
    }

    [Theory]
    [InlineData(1, -5)]
    [InlineData(3, -15)]
    [InlineData(5, -15)]
    public void Each_overdue_follow_up_deducts_5_up_to_15(int overdue, int impact)
    {
        var followUps = Enumerable.Range(0, overdue).Select(_ => (object)new FollowUpScheduled(Guid.NewGuid(), Day.AddDays(-1), "call", null, Day.AddDays(-5)));
        var partner = Given.Partner([.. Given.EventsTo(Stage.Contacted), .. followUps]);

        Assess(partner, Day).Factors.Single(f => f.Code == HealthScoring.Codes.OverdueFollowUps).Impact.ShouldBe(impact);
    }

    [Fact]
    public void Deductions_add_up_and_the_score_never_goes_below_zero()
    {
        var turnover = PartnerTurnover.For(Guid.NewGuid(), "x") with
        {
            Alerts = [.. Enumerable.Range(1, 3).Select(k => new TurnoverAlert(Guid.NewGuid(), (AlertKind)k, AlertStatus.Open, DateTimeOffset.UnixEpoch, Day, Guid.NewGuid(), null, null))],
        };
        var followUps = Enumerable.Range(0, 4).Select(_ => (object)new FollowUpScheduled(Guid.NewGuid(), Day, "call", null, Day));
        var partner = Given.Partner([.. Given.EventsTo(Stage.Active), new EvaluationRecorded("Q1", 1, 1, 1, 1, 0, null, Day), .. followUps]);

        var health = Assess(partner, Day.AddDays(200), turnover);

        health.Factors.Sum(f => f.Impact).ShouldBe(-35 - 40 - 20 - 15);
        health.Score.ShouldBe(0);
        health.Band.ShouldBe(HealthBand.AtRisk);
    }

    [Theory]
    [InlineData(75, HealthBand.Healthy)]
    [InlineData(74, HealthBand.Watch)]
    [InlineData(50, HealthBand.Watch)]
    [InlineData(49, HealthBand.AtRisk)]
    public void Bands(int score, HealthBand band) => HealthScoring.BandOf(score, Defaults).ShouldBe(band);

    [Fact]
    public void Settings_that_contradict_themselves_are_refused() =>
        new HealthSettings { WatchFrom = 80 }.Problems().ShouldNotBeEmpty();
}
