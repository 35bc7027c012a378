using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;

namespace PartnershipLifecycle.Platform.Localization;

/// <summary>
/// The catalogue of the API's messages for people: every problem's <c>title</c>, <c>detail</c> and field message, in
/// <c>ApiText.resx</c> (English, the default) and <c>ApiText.zh-HK.resx</c> (Traditional Chinese, Hong Kong). A message
/// is looked up in the current UI culture, which the API's request localisation sets from <c>Accept-Language</c>
/// (<see cref="ApiLanguages"/>); without one it is English, word for word what the API always answered.
/// </summary>
/// <remarks>
/// Placeholders are named: <c>{field}</c>, <c>{max}</c>, <c>{date}</c>, replaced by <see cref="Format"/>. FluentValidation's
/// own (<c>{PropertyName}</c>, <c>{TextProblem}</c>) are left for FluentValidation to fill. A field is always written as
/// its JSON name in single quotes (<c>'studentsReached'</c>), in every language, so a client can find it.
/// </remarks>
public sealed class ApiText
{
    /// <summary>The resources' base name (this type's full name: the folder and file of the .resx).</summary>
    public const string BaseName = "PartnershipLifecycle.Platform.Localization.ApiText";

    /// <summary>The catalogue as an <see cref="IStringLocalizer"/> of the current UI culture.</summary>
    public static IStringLocalizer Localizer { get; } = new ResourceManagerStringLocalizer(
        new System.Resources.ResourceManager(BaseName, typeof(ApiText).Assembly), typeof(ApiText).Assembly, BaseName,
        new ResourceNamesCache(), NullLogger.Instance);

    /// <summary>The message <paramref name="key"/> in the current UI culture, its named placeholders replaced by <paramref name="arguments"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such message (a test keeps every key in both languages).</exception>
    public static string Format(string key, params (string Name, object? Value)[] arguments)
    {
        var found = Localizer[key];
        if (found.ResourceNotFound)
        {
            throw new KeyNotFoundException($"ApiText has no message '{key}'.");
        }

        if (arguments.Length == 0)
        {
            return found.Value;
        }

        var text = new StringBuilder(found.Value);
        foreach (var (name, value) in arguments)
        {
            text.Replace("{" + name + "}", value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
        }

        return text.ToString();
    }

    /// <summary>A date as the API writes it in every message: <c>YYYY-MM-DD</c>.</summary>
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The languages the API answers its problems in (RFC 9110 <c>Accept-Language</c>): English, the default, and
/// Traditional Chinese as written in Hong Kong, which <c>zh</c>, <c>zh-Hant</c>, <c>zh-TW</c>, <c>zh-HK</c> and
/// <c>zh-MO</c> fall to. Anything else is English.
/// </summary>
public static class ApiLanguages
{
    public const string English = "en";
    public const string TraditionalChinese = "zh-HK";

    /// <summary>The cultures the catalogue has, English first.</summary>
    public static readonly CultureInfo[] Cultures = [new(English), new(TraditionalChinese)];

    /// <summary>The language of the catalogue a language tag falls to, or null when none (the next tag is tried).</summary>
    public static string? Match(string tag)
    {
        var t = tag.Trim().ToLowerInvariant();
        if (t == "*" || t == "en" || t.StartsWith("en-", StringComparison.Ordinal))
        {
            return English;
        }

        return t is "zh" or "zh-hk" or "zh-mo" or "zh-tw" or "zh-hant" || t.StartsWith("zh-hant-", StringComparison.Ordinal)
            ? TraditionalChinese
            : null;
    }
}
