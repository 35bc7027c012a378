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

    public string ReturnUrl { get; private set; } = "/app/today";

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

        await HttpContext.SignInAsync(AppSetup.CookieScheme, principal);
        return LocalRedirect(ReturnUrl);
    }

    // Only a page of the app: never an open redirect.
    private string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/app/", StringComparison.Ordinal) ? returnUrl : "/app/today";
}
