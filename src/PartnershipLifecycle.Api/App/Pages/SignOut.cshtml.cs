using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary><c>POST /app/sign-out</c>: ends the session (and the issuer's, with OIDC).</summary>
public sealed class SignOutModel(IConfiguration configuration) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Today");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AppSetup.CookieScheme);
        return AppSetup.UsesOidc(configuration)
            ? SignOut(new AuthenticationProperties { RedirectUri = "/app/sign-in" }, AppSetup.OidcScheme)
            : RedirectToPage("/SignIn");
    }
}
