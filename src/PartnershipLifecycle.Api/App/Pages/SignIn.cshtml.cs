using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/sign-in</c>. With <c>Auth:Authority</c>: straight to the issuer (OpenID Connect code flow). In Development
/// only: a form that picks an institution (tenant id), a role and a name, and starts a cookie session carrying the
/// same <c>sub</c>, <c>role</c> and <c>tenant_id</c> claims a token would. Elsewhere: no way in but OIDC.
/// </summary>
public sealed class SignInModel(IWebHostEnvironment environment, IConfiguration configuration, IStringLocalizer<AppText> text) : PageModel
{
    public bool Available => environment.IsDevelopment() && !AppSetup.UsesOidc(configuration);

    public string ReturnUrl { get; private set; } = DefaultReturnUrl;

    public string TenantInput { get; private set; } = "t1";

    public string RoleInput { get; private set; } = Roles.Coordinator;

    public string NameInput { get; private set; } = "";

    public string? Error { get; private set; }

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = Safe(returnUrl);
        return AppSetup.UsesOidc(configuration)
            ? Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, AppSetup.OidcScheme)
            : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? tenant, string? role, string? name, string? returnUrl)
    {
        if (!Available)
        {
            return NotFound();
        }

        ReturnUrl = Safe(returnUrl);
        TenantInput = tenant?.Trim() ?? "";
        RoleInput = role ?? Roles.Coordinator;
        NameInput = name?.Trim() ?? "";
        var principal = AppSetup.DevelopmentPrincipal(TenantInput, RoleInput, NameInput);
        // The same rules as a token's claims (CallerClaims), and a role of the API's.
        if (!Roles.All.Contains(RoleInput) || TenantInput.Length == 0 || CallerClaims.Refusal(principal) is not null)
        {
            Error = text["SignInInvalid"];
            return Page();
        }

        // The checked address, also for the cookie handler, which would otherwise redirect to the query's ReturnUrl as sent.
        await HttpContext.SignInAsync(AppSetup.CookieScheme, principal, new AuthenticationProperties { RedirectUri = ReturnUrl });
        return LocalRedirect(ReturnUrl);
    }

    private string Safe(string? returnUrl) => SafeReturnUrl(returnUrl) is { } safe && Url.IsLocalUrl(safe) ? safe : DefaultReturnUrl;

    /// <summary>Where a sign-in goes when the return address is missing or refused.</summary>
    public const string DefaultReturnUrl = "/app/today";

    /// <summary>
    /// The return address as the redirect sends it, or null when it is not a page of the app (never an open redirect,
    /// never a 500): a local path under <c>/app/</c> with no <c>.</c> or <c>..</c> segment (also percent-encoded), no
    /// <c>//</c>, no backslash and no control character; other characters outside printable ASCII (Chinese, U+202E)
    /// are percent-encoded as UTF-8, so the <c>Location</c> header carries only ASCII.
    /// </summary>
    public static string? SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith("/app/", StringComparison.Ordinal) || returnUrl.Contains('\\'))
        {
            return null;
        }

        var end = returnUrl.IndexOfAny(['?', '#']);
        var path = end < 0 ? returnUrl : returnUrl[..end];
        if (path.Contains("//", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var segment in path.Split('/'))
        {
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(segment);
            }
            catch (UriFormatException)
            {
                return null;
            }

            if (decoded is "." or ".." || decoded.Contains('/') || decoded.Contains('\\'))
            {
                return null;
            }
        }

        var safe = new System.Text.StringBuilder(returnUrl.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value < 0x20 || rune.Value == 0x7F || System.Text.Rune.IsControl(rune))
            {
                return null;
            }

            if (rune.Value is > 0x20 and < 0x7F)
            {
                safe.Append((char)rune.Value);
                continue;
            }

            // A space and everything beyond ASCII: its UTF-8 bytes, percent-encoded.
            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return safe.ToString();
    }
}
