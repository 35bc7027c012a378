using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Localization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PartnershipLifecycle.Api.Http;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Localization;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Api.App;

/// <summary>
/// <c>App:</c> settings of the coordinator's web app (served under <c>/app</c>). With <c>Auth:Authority</c> the app
/// signs people in with OpenID Connect (code flow) as the client <see cref="ClientId"/>; otherwise, in Development
/// only, with the sign-in page that picks a tenant, role and name.
/// </summary>
public sealed class AppSettings
{
    public const string Section = "App";

    /// <summary>The OIDC client id the app signs in as (with <c>Auth:Authority</c>).</summary>
    public string ClientId { get; set; } = AuthSettings.DefaultName;

    /// <summary>The OIDC client secret, when the issuer wants one (a confidential client).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Where the app sends the day's commands: the service's own HTTP API. Empty (the default): the first address the
    /// service listens on, as seen from inside (0.0.0.0 and [::] as loopback).
    /// </summary>
    public string? ApiBaseAddress { get; set; }

    /// <summary>How long a sign-in lasts without use, in minutes (sliding).</summary>
    public int SessionMinutes { get; set; } = 480;
}

/// <summary>Wires the web app: Razor Pages under <c>App/Pages</c>, its cookie session, sign-in, languages.</summary>
public static class AppSetup
{
    /// <summary>The cookie session of the web app; the API keeps its bearer tokens.</summary>
    public const string CookieScheme = "app";

    /// <summary>The OpenID Connect handler (with <c>Auth:Authority</c>).</summary>
    public const string OidcScheme = "oidc";

    /// <summary>Chooses per request: <c>/app</c> reads the cookie, everything else the bearer token.</summary>
    public const string SelectorScheme = "api-or-app";

    /// <summary>The languages of the app, English first: every string is in App/AppText.resx and AppText.zh-HK.resx.</summary>
    public static readonly CultureInfo[] Cultures = [new("en"), new("zh-HK")];

    public static bool UsesOidc(IConfiguration configuration) => !string.IsNullOrWhiteSpace(AuthSettings.From(configuration).Authority);

    public static IServiceCollection AddPartnershipApp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(AppSettings.Section).Get<AppSettings>() ?? new AppSettings();
        services.Configure<AppSettings>(configuration.GetSection(AppSettings.Section));
        services.AddLocalization();
        // Names in any script are written as themselves, not as character references (still HTML-encoded).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/App/Pages";
                // Every page needs a member of an institution (the API's Read policy) unless it says otherwise.
                o.Conventions.AuthorizeFolder("/", Policies.Read);
                o.Conventions.AllowAnonymousToPage("/SignIn");
                o.Conventions.AuthorizePage("/Analytics", Policies.Analyse);
                o.Conventions.AuthorizePage("/NewPartner", Policies.Coordinate);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentUICultures = true;
            // ?culture= (the language links) is remembered in a cookie; Accept-Language otherwise.
            // Each language tag falls to the app's languages as the API's do (ApiLanguages.Match): zh, zh-Hant, zh-TW and
            // zh-MO are Traditional Chinese (zh-HK), not English.
            o.RequestCultureProviders = [.. new RequestCultureProvider[] { new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider() }
                .Select(p => new MatchedCultureProvider(p))];
        });

        services.AddHttpContextAccessor();
        services.AddHttpClient(AppApi.ClientName);
        services.AddScoped<AppApi>();

        var auth = services.AddAuthentication(o =>
        {
            o.DefaultScheme = SelectorScheme;
            o.DefaultChallengeScheme = SelectorScheme;
            o.DefaultForbidScheme = SelectorScheme;
        });
        auth.AddPolicyScheme(SelectorScheme, "the API's bearer token, or the app's cookie under /app", o =>
            o.ForwardDefaultSelector = http => http.Request.Path.StartsWithSegments("/app") ? CookieScheme : JwtBearerDefaults.AuthenticationScheme);
        auth.AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "partnerships.app";
            o.Cookie.Path = "/app";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(settings.SessionMinutes);
            o.LoginPath = "/app/sign-in";
            o.LogoutPath = "/app/sign-out";
            o.AccessDeniedPath = "/app/forbidden";
            if (UsesOidc(configuration))
            {
                o.ForwardChallenge = OidcScheme;
            }
        });

        if (UsesOidc(configuration))
        {
            var authSettings = AuthSettings.From(configuration);
            auth.AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = authSettings.Authority;
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SignInScheme = CookieScheme;
                o.CallbackPath = "/app/signin-oidc";
                o.SignedOutCallbackPath = "/app/signout-callback-oidc";
                // The access token is what the app sends to the API for the user (AppApi): the API's own checks.
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.TokenValidationParameters.NameClaimType = ClaimNames.Subject;
                o.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                o.Events.OnTokenValidated = context =>
                {
                    // The same claim rules as a bearer token: one sub, at most one well-formed tenant_id.
                    if (CallerClaims.Refusal(context.Principal!) is { } refusal)
                    {
                        context.Fail(refusal);
                    }

                    return Task.CompletedTask;
                };
            });
        }

        return services;
    }

    /// <summary>The session of a person signed in through the development sign-in page.</summary>
    public static ClaimsPrincipal DevelopmentPrincipal(string tenant, string role, string name) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimNames.Subject, name), new Claim(ClaimNames.Tenant, tenant), new Claim(ClaimNames.Role, role)],
            CookieScheme, ClaimNames.Subject, ClaimNames.Role));

    /// <summary>The app's error page for bodiless error answers, languages, static files of the app (<c>wwwroot/app</c>), then the pages.</summary>
    public static WebApplication UsePartnershipAppLocalization(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/app"), branch =>
        {
            branch.UseRequestLocalization();
            // The language chosen with ?culture= is remembered for the next pages.
            branch.Use((http, next) =>
            {
                if (http.Request.Query.ContainsKey("culture") && http.Features.Get<IRequestCultureFeature>() is { Provider: MatchedCultureProvider { Inner: QueryStringRequestCultureProvider } } chosen)
                {
                    http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(chosen.RequestCulture),
                        new CookieOptions { Path = "/app", HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
                }

                return next(http);
            });
            // An error answer with no body under /app (no such page, an expired antiforgery token) is the app's error
            // page in the page's language (chosen above, kept for the re-executed request), not the API's problem
            // details; pages that answer an error with a body keep it. Before routing (Program.cs), so it is routed again.
            branch.UseStatusCodePagesWithReExecute("/app/error/{0}");
        });
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapPartnershipApp(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/app", () => Results.Redirect("/app/today")).AllowAnonymous().ExcludeFromDescription();
        // The service's root is where a person arrives from the address bar: the app (the API lives under /api).
        app.MapGet("/", () => Results.Redirect("/app/today")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
