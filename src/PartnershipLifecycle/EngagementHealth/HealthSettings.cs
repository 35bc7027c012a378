namespace PartnershipLifecycle.EngagementHealth;

/// <summary>
/// How engagement health is scored (configuration section <c>Health:</c>); the defaults are issue 4's.
/// Every deduction becomes a factor the answer lists.
/// </summary>
public sealed class HealthSettings
{
    public const string Section = "Health";

    public int StartScore { get; set; } = 100;

    /// <summary>Days since the last interaction, in three steps, and what each step deducts.</summary>
    public int InactiveDaysStep1 { get; set; } = 30;
    public int InactivePenaltyStep1 { get; set; } = 10;
    public int InactiveDaysStep2 { get; set; } = 60;
    public int InactivePenaltyStep2 { get; set; } = 20;
    public int InactiveDaysStep3 { get; set; } = 90;
    public int InactivePenaltyStep3 { get; set; } = 35;

    /// <summary>Each unresolved turnover alert, up to a cap.</summary>
    public int AlertPenalty { get; set; } = 25;
    public int AlertPenaltyCap { get; set; } = 40;

    /// <summary>Placements are judged once the MOU year is this many days old.</summary>
    public int PlacementGraceDays { get; set; } = 90;
    public double PlacementsWatchShare { get; set; } = 0.8;
    public int PlacementsWatchPenalty { get; set; } = 10;
    public double PlacementsRiskShare { get; set; } = 0.5;
    public int PlacementsRiskPenalty { get; set; } = 20;

    /// <summary>The latest evaluation's mean of its four scores.</summary>
    public double EvaluationWatchMean { get; set; } = 3.5;
    public int EvaluationWatchPenalty { get; set; } = 10;
    public double EvaluationRiskMean { get; set; } = 3.0;
    public int EvaluationRiskPenalty { get; set; } = 20;

    /// <summary>Each overdue follow-up, up to a cap.</summary>
    public int OverdueFollowUpPenalty { get; set; } = 5;
    public int OverdueFollowUpPenaltyCap { get; set; } = 15;

    /// <summary>Bands: at least <see cref="HealthyFrom"/> is healthy, at least <see cref="WatchFrom"/> is watch, below is at risk.</summary>
    public int HealthyFrom { get; set; } = 75;
    public int WatchFrom { get; set; } = 50;

    public IEnumerable<string> Problems()
    {
        if (!(InactiveDaysStep1 < InactiveDaysStep2 && InactiveDaysStep2 < InactiveDaysStep3))
        {
            yield return "Health:InactiveDaysStep1..3 must increase.";
        }

        if (!(PlacementsRiskShare < PlacementsWatchShare))
        {
            yield return "Health:PlacementsRiskShare must be below Health:PlacementsWatchShare.";
        }

        if (!(EvaluationRiskMean < EvaluationWatchMean))
        {
            yield return "Health:EvaluationRiskMean must be below Health:EvaluationWatchMean.";
        }

        if (!(WatchFrom < HealthyFrom && HealthyFrom <= StartScore))
        {
            yield return "Health:WatchFrom < Health:HealthyFrom <= Health:StartScore is required.";
        }
    }
}
