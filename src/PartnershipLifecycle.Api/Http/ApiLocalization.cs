using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Api.Http;

/// <summary>
/// The API's problem details in the language the request asks for (RFC 9110 <c>Accept-Language</c>; RFC 9457 lets
/// <c>title</c> and <c>detail</c> be localised): ASP.NET Core's request localisation sets the UI culture the message
/// catalogue (<see cref="ApiText"/>) and FluentValidation read. English by default and for any language the catalogue
/// lacks; zh-HK for <c>zh</c>, <c>zh-Hant</c>, <c>zh-TW</c>, <c>zh-HK</c>, <c>zh-MO</c> (<see cref="ApiLanguages.Match"/>).
/// Only the UI culture changes: numbers and dates in messages are written the same in every language. A problem answer
/// to a request with <c>Accept-Language</c> says its language in <c>Content-Language</c>; a request without one is
/// answered exactly as before, in English, without the header. Field names stay the JSON names, in single quotes.
/// </summary>
public static class ApiLocalization
{
    /// <summary>The request localisation of everything but the web app (<c>/app</c> has its own: query string, cookie).</summary>
    public static RequestLocalizationOptions Options()
    {
        // The formatting culture stays the process's; only the language of the messages follows the request.
        var formatting = CultureInfo.CurrentCulture;
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(formatting, new CultureInfo(ApiLanguages.English)),
            SupportedCultures = [formatting],
            SupportedUICultures = ApiLanguages.Cultures,
            FallBackToParentCultures = false,
            FallBackToParentUICultures = false,
            ApplyCurrentCultureToResponseHeaders = false,
        };
        // Accept-Language by quality (ASP.NET Core's provider), each tag fallen to the catalogue's languages.
        options.RequestCultureProviders = [new MatchedCultureProvider(new AcceptLanguageHeaderRequestCultureProvider())];
        return options;
    }

    /// <summary>Request localisation and <c>Content-Language</c> for every request outside <c>/app</c>.</summary>
    public static WebApplication UsePartnershipApiLocalization(this WebApplication app)
    {
        var options = Options();
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/app"), branch =>
        {
            branch.UseRequestLocalization(options);
            branch.Use((http, next) =>
            {
                if (http.Request.Headers.ContainsKey(HeaderNames.AcceptLanguage))
                {
                    var language = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? ApiLanguages.English;
                    http.Response.OnStarting(() =>
                    {
                        if (http.Response.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true)
                        {
                            http.Response.Headers.ContentLanguage = language;
                        }

                        return Task.CompletedTask;
                    });
                }

                return next(http);
            });
        });
        return app;
    }
}

/// <summary>
/// A request culture provider whose language tags fall to the catalogue's languages, for the API and the web app alike
/// (<see cref="ApiLanguages.Match"/>: <c>zh-TW</c> → <c>zh-HK</c>, <c>en-GB</c> → <c>en</c>); a tag of neither is kept
/// (the next one is tried).
/// </summary>
public sealed class MatchedCultureProvider(RequestCultureProvider inner) : RequestCultureProvider
{
    /// <summary>The provider whose tags are matched (query string, cookie, Accept-Language).</summary>
    public RequestCultureProvider Inner => inner;

    /// <inheritdoc />
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        inner.Options ??= Options;
        if (await inner.DetermineProviderCultureResult(httpContext) is not { } result)
        {
            return null;
        }

        static IList<Microsoft.Extensions.Primitives.StringSegment> Matched(IList<Microsoft.Extensions.Primitives.StringSegment> tags) =>
            [.. tags.Select(t => t.HasValue && ApiLanguages.Match(t.Value!) is { } matched ? new Microsoft.Extensions.Primitives.StringSegment(matched) : t)];

        return new ProviderCultureResult(Matched(result.Cultures), Matched(result.UICultures));
    }
}
