using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace PartnershipLifecycle.Api.App;

/// <summary>
/// The web app's strings: <c>AppText.resx</c> (English) and <c>AppText.zh-HK.resx</c> (Traditional Chinese, Hong Kong).
/// Vocabulary values are looked up as <c>{EnumType}.{snake_case_value}</c> (e.g. <c>Stage.active</c>), events as
/// <c>event.{type}</c>, health factors as <c>factor.{code}</c>.
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

    /// <summary>A key that may have no translation (an event type, a factor code): its text, or <paramref name="fallback"/>.</summary>
    public static string Maybe(this IStringLocalizer<AppText> text, string key, string fallback)
    {
        var found = text[key];
        return found.ResourceNotFound ? fallback : found.Value;
    }
}
