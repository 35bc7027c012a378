using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Api.App;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners.Alerting;

namespace PartnershipLifecycle.Tests.App;

/// <summary>A health factor worded from its values in the page's language, and its English detail when it has none.</summary>
public class FactorTextTests
{
    private static IStringLocalizer<AppText> Text { get; } = new StringLocalizer<AppText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static readonly HealthFactor[] Factors =
    [
        new(HealthScoring.Codes.Inactivity, -10, "45 days since the last interaction (2026-10-01).",
            new HealthFactorValues { Days = 45, Since = new DateOnly(2026, 10, 1), Interacted = true }),
        new(HealthScoring.Codes.TurnoverAlerts, -50, "2 unresolved turnover alerts (champion_departed, no_active_contact).",
            new HealthFactorValues { Count = 2, Kinds = [AlertKind.ChampionDeparted, AlertKind.NoActiveContact] }),
        new(HealthScoring.Codes.PlacementsBehind, -20, "1 work placements delivered against 4.5 expected by now (22%) in the MOU year from 2026-06-02.",
            new HealthFactorValues { Delivered = 1, Expected = 4.5, Share = 0.22, YearFrom = new DateOnly(2026, 6, 2) }),
        new(HealthScoring.Codes.EvaluationScores, -20, "The latest evaluation (2026-S1) scored 2.75 on average.",
            new HealthFactorValues { Period = "2026-S1", Mean = 2.75 }),
        new(HealthScoring.Codes.OverdueFollowUps, -5, "1 overdue follow-up.", new HealthFactorValues { Count = 1 }),
    ];

    private static string[] Worded(string culture)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return [.. Factors.Select(f => Text.FactorText(f))];
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    [Fact]
    public void In_english_the_values_give_the_sentence_the_service_wrote()
    {
        Worded("en-GB").ShouldBe([
            "45 days since the last interaction (2026-10-01).",
            "2 unresolved turnover alerts (Champion departed, No active contact).",
            "1 work placements delivered against 4.5 expected by now (22%) in the MOU year from 2026-06-02.",
            "The latest evaluation (2026-S1) scored 2.75 on average.",
            "1 overdue follow-up.",
        ]);
    }

    [Fact]
    public void In_traditional_chinese_every_factor_is_worded_in_chinese_with_its_values()
    {
        var worded = Worded("zh-HK");
        worded.ShouldAllBe(s => s.EndsWith('。'));
        worded[0].ShouldContain("45");
        worded[0].ShouldContain("2026-10-01");
        worded[1].ShouldContain("2");
        worded[2].ShouldContain("4.5");
        worded[3].ShouldContain("2026-S1");
        worded[4].ShouldContain("1");
    }

    [Fact]
    public void Without_values_health_persisted_before_them_shows_its_english_detail()
    {
        var old = Factors.Select(f => f with { Values = null }).ToArray();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-HK");
        try
        {
            old.Select(f => Text.FactorText(f)).ShouldBe(old.Select(f => f.Detail));
            Text.FactorText(new HealthFactor("a_code_from_later", -1, "Something new.", new HealthFactorValues { Count = 1 })).ShouldBe("Something new.");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
