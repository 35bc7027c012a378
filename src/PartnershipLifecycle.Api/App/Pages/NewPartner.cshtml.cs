using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/partners/new</c>: records a new prospect through the API's own <c>POST /api/partners</c> (coordinators and
/// admins: the API's <c>coordinate</c> policy guards the page too). A refused field shows the API's message beside it;
/// the duplicate check's 409 names the existing partner with a link to it and offers "a distinct organisation"
/// (<c>allowDuplicate</c>); on success the browser goes to the new partner's page.
/// </summary>
public sealed class NewPartnerModel(IMediator mediator, IStringLocalizer<AppText> text, InstitutionCalendar calendar, IAuthorizationService authorization, AppApi api)
    : AppPageModel(mediator, text, calendar, authorization)
{
    /// <summary>The partner the duplicate check found (the 409's <c>existingPartnerId</c>), or null.</summary>
    public Guid? ExistingPartnerId { get; private set; }

    /// <summary>Whether the form was posted and refused (so the fields show what was typed).</summary>
    public bool Failed { get; private set; }

    public Dictionary<string, string[]> FieldErrors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? FormError { get; private set; }

    /// <summary>The form as shown: <c>allowDuplicate</c> only once the duplicate check refused.</summary>
    public CommandForm Form => ExistingPartnerId is null
        ? CommandForms.NewPartner with { Fields = [.. CommandForms.NewPartner.Fields.Where(f => f.Name != "allowDuplicate")] }
        : CommandForms.NewPartner;

    public async Task OnGetAsync() => await LoadPermissionsAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadPermissionsAsync();
        var form = CommandForms.NewPartner;
        var answer = await api.PostAsync(form.Path, form.Body(Request.Form), null, ct);
        if (answer.Accepted && answer.IdOf("partnerId") is { } id)
        {
            Done = Text["Saved." + form.Key];
            return Redirect($"/app/partners/{id}");
        }

        Failed = true;
        ExistingPartnerId = answer.Status == StatusCodes.Status409Conflict ? answer.IdOf("existingPartnerId") : null;
        foreach (var (field, answered) in answer.Errors)
        {
            // In the page's language, each field named by its label (ApiMessages).
            var messages = ApiMessages.WithLabels(answered, form, Text);
            if (form.FieldOf(field) is { } name)
            {
                FieldErrors[name] = messages;
            }
            else
            {
                FormError = string.Join(" ", [FormError, .. messages]).Trim();
            }
        }

        FormError = ExistingPartnerId is not null ? Text["AlreadyAPartner"]
            : FieldErrors.Count > 0 && FormError is null ? Text["CheckTheFields"]
            : FormError ?? (answer.Status < 500 && answer.Detail is { } detail ? ApiMessages.WithLabels(detail, form, Text) : null) ?? Text["CommandFailed"];
        Response.StatusCode = answer.Status;
        return Page();
    }

    /// <summary>What the field showed when the form was refused (so nothing typed is lost), else its default (dates: today).</summary>
    public string Value(FormField field) =>
        Failed ? Request.Form[$"{CommandForms.NewPartner.Key}.{field.Name}"].ToString()
        : field.Kind == FieldKind.Date ? Date(Today) : "";

    public bool Checked(FormField field, string value) =>
        Failed && Request.Form[$"{CommandForms.NewPartner.Key}.{field.Name}"].Contains(value);
}
