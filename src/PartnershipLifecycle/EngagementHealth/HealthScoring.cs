using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Partners;
using System.Text.Json.Serialization;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.EngagementHealth;

/// <summary>One deduction from the score, and why.</summary>
/// <param name="Code">What deducts: <c>inactivity</c>, <c>turnover_alerts</c>, <c>placements_behind</c>, <c>evaluation_scores</c>, <c>overdue_follow_ups</c>.</param>
/// <param name="Impact">The points deducted, a negative integer.</param>
/// <param name="Detail">Why, as an English sentence, e.g. "45 days since the last interaction (2026-10-01).".</param>
/// <param name="Values">The values <paramref name="Detail"/> is made of, for a client that words it in another language; null in
/// health computed before they were added (the web app then shows <paramref name="Detail"/>).</param>
public sealed record HealthFactor(string Code, int Impact, string Detail, HealthFactorValues? Values = null);

/// <summary>
/// The values a <see cref="HealthFactor"/>'s sentence is made of; only those of its code are present (the others are
/// left out of the JSON). <c>inactivity</c>: <see cref="Days"/>, <see cref="Since"/>, <see cref="Interacted"/>;
/// <c>turnover_alerts</c>: <see cref="Count"/>, <see cref="Kinds"/>; <c>placements_behind</c>: <see cref="Delivered"/>,
/// <see cref="Expected"/>, <see cref="Share"/>, <see cref="YearFrom"/>; <c>evaluation_scores</c>: <see cref="Period"/>,
/// <see cref="Mean"/>; <c>overdue_follow_ups</c>: <see cref="Count"/>.
/// </summary>
public sealed record HealthFactorValues
{
    /// <summary>Inactivity: days (business dates) from <see cref="Since"/> to today.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Days { get; init; }

    /// <summary>Inactivity: the business date of the last interaction, or the date the partner was identified when there was none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? Since { get; init; }

    /// <summary>Inactivity: true when <see cref="Since"/> is the last interaction, false when the partner was never interacted with.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Interacted { get; init; }

    /// <summary>Turnover alerts: how many are unresolved; overdue follow-ups: how many are overdue.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }

    /// <summary>Turnover alerts: the kind of each unresolved alert, in the order of the sentence.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlertKind>? Kinds { get; init; }

    /// <summary>Placements behind: work placements delivered in the MOU year so far.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Delivered { get; init; }

    /// <summary>Placements behind: placements expected by today (the year's commitment times the share of the year elapsed), to one decimal.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Expected { get; init; }

    /// <summary>Placements behind: delivered divided by expected, a fraction to two decimals (0.45 is 45 %).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Share { get; init; }

    /// <summary>Placements behind: the first day of the current MOU year.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? YearFrom { get; init; }

    /// <summary>Evaluation scores: the latest evaluation's period, as it was recorded (e.g. <c>2026-S1</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Period { get; init; }

    /// <summary>Evaluation scores: its mean score (1 to 5), to two decimals.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Mean { get; init; }
}

/// <summary><c>{partnerId, score, band, factors, lastInteractionOn}</c></summary>
public sealed record PartnerHealth(Guid PartnerId, string PartnerName, int Score, HealthBand Band, IReadOnlyList<HealthFactor> Factors, DateOnly? LastInteractionOn);

/// <summary>Engagement health: a pure function of what the read models know and of today's date.</summary>
public static class HealthScoring
{
    public static class Codes
    {
        public const string Inactivity = "inactivity";
        public const string TurnoverAlerts = "turnover_alerts";
        public const string PlacementsBehind = "placements_behind";
        public const string EvaluationScores = "evaluation_scores";
        public const string OverdueFollowUps = "overdue_follow_ups";
    }

    public static PartnerHealth Assess(Partner partner, PartnerTurnover? turnover, CommitmentLedger? ledger, DateOnly today, HealthSettings s)
    {
        var factors = new List<HealthFactor>();
        Inactivity(partner, today, s, factors);
        Alerts(turnover, s, factors);
        Placements(partner, ledger, today, s, factors);
        Evaluation(partner, s, factors);
        FollowUps(partner, today, s, factors);

        var score = Math.Clamp(s.StartScore + factors.Sum(f => f.Impact), 0, s.StartScore);
        return new PartnerHealth(partner.Id, partner.Name, score, BandOf(score, s), factors, partner.LastInteractionOn);
    }

    /// <summary>
    /// The first business date after <paramref name="today"/> on which <see cref="Assess"/> of the same inputs could
    /// answer differently (score, band or any factor's text), with no event in between; null when the calendar alone
    /// never changes it. Never later than the true change and never before tomorrow, so that a read model re-scored on
    /// this date is never stale: a date a little early costs a re-score that changes nothing. A factor whose text
    /// counts days (inactivity, placements behind) changes every day while it is present.
    /// </summary>
    public static DateOnly? NextChangeOn(Partner partner, PartnerTurnover? turnover, CommitmentLedger? ledger, DateOnly today, HealthSettings s)
    {
        if (partner.Stage == Stage.Lost || today.DayNumber >= DateOnly.MaxValue.DayNumber)
        {
            return null;
        }

        var tomorrow = today.AddDays(1);
        DateOnly? next = null;
        void Candidate(long dayNumber)
        {
            var day = DateOnly.FromDayNumber((int)Math.Clamp(dayNumber, tomorrow.DayNumber, DateOnly.MaxValue.DayNumber));
            next = next is { } known && known <= day ? known : day;
        }

        // Inactivity: its text counts the days once it deducts; before that, the day the first step is passed.
        var since = partner.LastInteractionOn ?? partner.ProspectedOn;
        if (today.DayNumber - since.DayNumber > s.InactiveDaysStep1)
        {
            Candidate(tomorrow.DayNumber);
        }
        else
        {
            Candidate((long)since.DayNumber + s.InactiveDaysStep1 + 1);
        }

        // Follow-ups: each open one is overdue the day after it is due.
        foreach (var followUp in partner.FollowUps.Where(f => f.CompletedOn is null && f.DueOn >= today))
        {
            Candidate((long)followUp.DueOn.DayNumber + 1);
        }

        if (partner.Stage == Stage.Active && ledger?.Mou is { } mou && mou.Commitments.PlacementsPerYear > 0)
        {
            PlacementsChange(ledger, mou, today, s, Candidate);
        }

        return next;
    }

    private static void PlacementsChange(CommitmentLedger ledger, MouTerms mou, DateOnly today, HealthSettings s, Action<long> candidate)
    {
        if (today < mou.StartsOn)
        {
            candidate(mou.StartsOn.DayNumber);
            return;
        }

        if (ledger.YearOn(today) is not { } year)
        {
            return; // the MOU has ended: no placements are judged again without an event
        }

        candidate(year.EndsBefore.DayNumber);
        candidate((long)mou.EndsOn.DayNumber + 1);
        // A placement dated after today (a clock moved back) counts from its date.
        foreach (var later in ledger.Engagements.Where(e => e.Type == EngagementType.WorkPlacement && e.On > today && year.Contains(e.On)))
        {
            candidate(later.On.DayNumber);
        }

        var daysInto = today.DayNumber - year.StartsOn.DayNumber;
        if (daysInto <= s.PlacementGraceDays)
        {
            candidate((long)year.StartsOn.DayNumber + s.PlacementGraceDays + 1);
            return;
        }

        var delivered = ledger.PlacementsDelivered(year, today);
        var expected = mou.Commitments.PlacementsPerYear * (double)daysInto / year.Length;
        if (delivered / expected < s.PlacementsWatchShare)
        {
            candidate(today.DayNumber + 1L); // the factor's text counts what is expected by each day
            return;
        }

        // Expected grows every day: the share falls below the watch share once daysInto > delivered * length / (share * placements).
        // Rounded down: a day early at worst.
        var crossing = delivered * (double)year.Length / (s.PlacementsWatchShare * mou.Commitments.PlacementsPerYear);
        candidate(year.StartsOn.DayNumber + (long)Math.Floor(Math.Min(crossing, int.MaxValue)));
    }

    public static HealthBand BandOf(int score, HealthSettings s) =>
        score >= s.HealthyFrom ? HealthBand.Healthy : score >= s.WatchFrom ? HealthBand.Watch : HealthBand.AtRisk;

    private static void Inactivity(Partner partner, DateOnly today, HealthSettings s, List<HealthFactor> factors)
    {
        // A partner never interacted with has been quiet since it was identified.
        var since = partner.LastInteractionOn ?? partner.ProspectedOn;
        var days = today.DayNumber - since.DayNumber;
        var penalty = days > s.InactiveDaysStep3 ? s.InactivePenaltyStep3
            : days > s.InactiveDaysStep2 ? s.InactivePenaltyStep2
            : days > s.InactiveDaysStep1 ? s.InactivePenaltyStep1
            : 0;
        if (penalty > 0)
        {
            var what = partner.LastInteractionOn is null ? "since it was identified" : "since the last interaction";
            factors.Add(new HealthFactor(Codes.Inactivity, -penalty, $"{days} days {what} ({since:yyyy-MM-dd}).",
                new HealthFactorValues { Days = days, Since = since, Interacted = partner.LastInteractionOn is not null }));
        }
    }

    private static void Alerts(PartnerTurnover? turnover, HealthSettings s, List<HealthFactor> factors)
    {
        var open = turnover?.UnresolvedAlerts.ToArray() ?? [];
        if (open.Length > 0)
        {
            var kinds = string.Join(", ", open.Select(a => a.Kind.ToWire()));
            factors.Add(new HealthFactor(Codes.TurnoverAlerts, -Math.Min(open.Length * s.AlertPenalty, s.AlertPenaltyCap),
                $"{open.Length} unresolved turnover alert{(open.Length > 1 ? "s" : "")} ({kinds}).",
                new HealthFactorValues { Count = open.Length, Kinds = [.. open.Select(a => a.Kind)] }));
        }
    }

    private static void Placements(Partner partner, CommitmentLedger? ledger, DateOnly today, HealthSettings s, List<HealthFactor> factors)
    {
        if (partner.Stage != Stage.Active || ledger?.YearOn(today) is not { } year || ledger.Mou!.Commitments.PlacementsPerYear <= 0)
        {
            return;
        }

        var daysInto = today.DayNumber - year.StartsOn.DayNumber;
        if (daysInto <= s.PlacementGraceDays)
        {
            return;
        }

        var expected = ledger.Mou.Commitments.PlacementsPerYear * (double)daysInto / year.Length;
        var delivered = ledger.PlacementsDelivered(year, today);
        var share = delivered / expected;
        var penalty = share < s.PlacementsRiskShare ? s.PlacementsRiskPenalty : share < s.PlacementsWatchShare ? s.PlacementsWatchPenalty : 0;
        if (penalty > 0)
        {
            factors.Add(new HealthFactor(Codes.PlacementsBehind, -penalty,
                $"{delivered} work placements delivered against {expected:0.#} expected by now ({share:P0}) in the MOU year from {year.StartsOn:yyyy-MM-dd}.",
                new HealthFactorValues { Delivered = delivered, Expected = Math.Round(expected, 1), Share = Math.Round(share, 2), YearFrom = year.StartsOn }));
        }
    }

    private static void Evaluation(Partner partner, HealthSettings s, List<HealthFactor> factors)
    {
        if (partner.LatestEvaluation is not { } evaluation)
        {
            return;
        }

        var penalty = evaluation.MeanScore < s.EvaluationRiskMean ? s.EvaluationRiskPenalty
            : evaluation.MeanScore < s.EvaluationWatchMean ? s.EvaluationWatchPenalty
            : 0;
        if (penalty > 0)
        {
            factors.Add(new HealthFactor(Codes.EvaluationScores, -penalty,
                $"The latest evaluation ({evaluation.Period}) scored {evaluation.MeanScore:0.##} on average.",
                new HealthFactorValues { Period = evaluation.Period, Mean = Math.Round(evaluation.MeanScore, 2) }));
        }
    }

    private static void FollowUps(Partner partner, DateOnly today, HealthSettings s, List<HealthFactor> factors)
    {
        var overdue = partner.FollowUps.Count(f => f.IsOverdueOn(today));
        if (overdue > 0)
        {
            factors.Add(new HealthFactor(Codes.OverdueFollowUps, -Math.Min(overdue * s.OverdueFollowUpPenalty, s.OverdueFollowUpPenaltyCap),
                $"{overdue} overdue follow-up{(overdue > 1 ? "s" : "")}.",
                new HealthFactorValues { Count = overdue }));
        }
    }
}
