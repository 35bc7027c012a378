using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/error/{code}</c>: what the app shows, in the page's language, for an error answer under <c>/app</c> that has
/// no page of its own (an address that matches no page, a form whose antiforgery token expired, a malformed request),
/// instead of the API's problem details. Re-executed by the status-code middleware of the <c>/app</c> branch
/// (<see cref="AppSetup.UsePartnershipAppLocalization"/>) with the original status and method; open to anyone, since
/// an address that matches nothing is not found whoever asks.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<AppText> text) : PageModel
{
    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // Re-executed: keep the original status. Asked for directly (/app/error/404): answer that status too.
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? code;
        Response.StatusCode = original is >= 400 and <= 599 ? original : StatusCodes.Status404NotFound;
        (Title, Text) = Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => (text["NotFound"].Value, text["ErrorPage.NotFoundText"].Value),
            StatusCodes.Status400BadRequest => (text["ErrorPage.BadRequest"].Value, text["ErrorPage.BadRequestText"].Value),
            var status => (text["ErrorPage.Other"].Value, text["ErrorPage.OtherText", status].Value),
        };
    }
}
