using System.Globalization;
using FluentValidation.Resources;

namespace PartnershipLifecycle.Platform.Localization;

/// <summary>
/// FluentValidation's built-in messages (for a rule without a message of its own) in the API's languages: English, and
/// for zh-HK (and the other tags <see cref="ApiLanguages.Match"/> falls to it) FluentValidation's Traditional Chinese
/// translation, <c>zh-TW</c>, which quotes the field as <c>'{PropertyName}'</c> as the catalogue does.
/// </summary>
public sealed class ApiLanguageManager : LanguageManager
{
    private static readonly CultureInfo Traditional = new("zh-TW");

    /// <inheritdoc />
    public override string GetString(string key, CultureInfo? culture = null)
    {
        culture ??= Culture ?? CultureInfo.CurrentUICulture;
        return base.GetString(key, ApiLanguages.Match(culture.Name) == ApiLanguages.TraditionalChinese ? Traditional : culture);
    }
}
