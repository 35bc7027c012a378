using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners.Alerting;

namespace PartnershipLifecycle.Api.App;

/// <summary>
/// The web app's strings: <c>AppText.resx</c> (English) and <c>AppText.zh-HK.resx</c> (Traditional Chinese, Hong Kong).
/// Vocabulary values are looked up as <c>{EnumType}.{snake_case_value}</c> (e.g. <c>Stage.active</c>), events as
/// <c>event.{type}</c>, health factors as <c>factor.{code}</c> and their sentences as <c>FactorText.{code}[.variant]</c>.
/// </summary>
public sealed class AppText
{
    /// <summary>The value as the API spells it: <c>AlumniNetwork</c> → <c>alumni_network</c>.</summary>
    public static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string Wire(Enum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

public static class AppTextExtensions
{
    /// <summary>The localised name of a vocabulary value; the API's spelling when a translation is missing.</summary>
    public static string Name(this IStringLocalizer<AppText> text, Enum value)
    {
        var wire = AppText.Wire(value);
        var found = text[$"{value.GetType().Name}.{wire}"];
        return found.ResourceNotFound ? wire.Replace('_', ' ') : found.Value;
    }

    /// <summary>
    /// A sentence about <paramref name="count"/> things (its first argument), singular or plural: <c>{key}.one</c> for
    /// exactly one, else <c>{key}.other</c> (Chinese has both the same).
    /// </summary>
    public static LocalizedString Count(this IStringLocalizer<AppText> text, string key, long count, params object[] more) =>
        text[key + (count == 1 ? ".one" : ".other"), [count, .. more]];

    /// <summary>A key that may have no translation (an event type, a factor code): its text, or <paramref name="fallback"/>.</summary>
    public static string Maybe(this IStringLocalizer<AppText> text, string key, string fallback)
    {
        var found = text[key];
        return found.ResourceNotFound ? fallback : found.Value;
    }

    /// <summary>
    /// A health factor's sentence in the page's language, from its <see cref="HealthFactor.Values"/> and the resource
    /// <c>FactorText.{code}</c> (with <c>.one</c>/<c>.other</c> for counts, <c>.interacted</c>/<c>.identified</c> for
    /// inactivity); the English <see cref="HealthFactor.Detail"/> when the values or the resource are missing (health
    /// persisted before the values were added, a code this app does not know). Dates as <c>yyyy-MM-dd</c>.
    /// </summary>
    public static string FactorText(this IStringLocalizer<AppText> text, HealthFactor factor)
    {
        static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? Format(string key, params object[] arguments)
        {
            var found = text[key, arguments];
            return found.ResourceNotFound ? null : found.Value;
        }

        static string Count(string key, long count) => key + (count == 1 ? ".one" : ".other");

        var v = factor.Values;
        var sentence = (factor.Code, v) switch
        {
            (_, null) => null,
            (HealthScoring.Codes.Inactivity, { Days: { } days, Since: { } since, Interacted: { } interacted }) =>
                Format($"FactorText.inactivity.{(interacted ? "interacted" : "identified")}", days, Day(since)),
            (HealthScoring.Codes.TurnoverAlerts, { Count: { } count, Kinds: { } kinds }) =>
                Format(Count("FactorText.turnover_alerts", count), count, string.Join(text["ListSeparator"].Value, kinds.Select(k => text.Name(k)))),
            (HealthScoring.Codes.PlacementsBehind, { Delivered: { } delivered, Expected: { } expected, Share: { } share, YearFrom: { } from }) =>
                Format("FactorText.placements_behind", delivered, expected.ToString("0.#", CultureInfo.CurrentCulture),
                    share.ToString("P0", CultureInfo.CurrentCulture), Day(from)),
            (HealthScoring.Codes.EvaluationScores, { Period: { } period, Mean: { } mean }) =>
                Format("FactorText.evaluation_scores", period, mean.ToString("0.##", CultureInfo.CurrentCulture)),
            (HealthScoring.Codes.OverdueFollowUps, { Count: { } count }) => Format(Count("FactorText.overdue_follow_ups", count), count),
            _ => null,
        };
        return sentence ?? factor.Detail;
    }
}
