using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/partners/new</c>: records a new prospect through the API's own <c>POST /api/partners</c> (coordinators and
/// admins: the API's <c>coordinate</c> policy guards the page too). A refused field shows the API's message beside it;
/// the duplicate check's 409 names the existing partner with a link to it and offers "a distinct organisation"
/// (<c>allowDuplicate</c>); on success the browser goes to the new partner's page. The referring partner of a
/// <c>partner_referral</c> is found by name and chosen from a list (<see cref="PartnerPicker"/>), sent as its id.
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

    /// <summary>The referring partner's picker: the partners found by name, and the one chosen.</summary>
    public PartnerPicker Picker { get; private set; } = PartnerPicker.Empty;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadPermissionsAsync();
        var form = CommandForms.NewPartner;
        var referrer = form.Fields.Single(f => f.Kind == FieldKind.Partner);
        if (Request.Form["find"] == referrer.Name)
        {
            // Find the referring partner by name: nothing is sent to the API, and every value typed is kept.
            Failed = true;
            Picker = await PickerAsync(form, referrer, search: true, ct);
            return Page();
        }

        if (form.Repeated(Request.Form) is not null)
        {
            // A field posted twice (changed in the browser): nothing is sent, and the page says so.
            Failed = true;
            FormError = Text["NewPartnerTampered"];
            Picker = await PickerAsync(form, referrer, search: false, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var answer = await api.PostAsync(form.Path, form.Body(Request.Form), null, ct);
        if (answer.Accepted && answer.IdOf("partnerId") is { } id)
        {
            return RedirectWith(Text["Saved." + form.Key], $"/app/partners/{id}");
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
        Picker = await PickerAsync(form, referrer, search: false, ct);
        Response.StatusCode = answer.Status;
        return Page();
    }

    /// <summary>
    /// The partners the search box's name finds (as the partner list finds names: <c>ListPartners</c>, by name, at most
    /// <see cref="PartnerPicker.MaxShown"/>; only when <paramref name="search"/>), and the partner already chosen, so
    /// that a refused form keeps it.
    /// </summary>
    private async Task<PartnerPicker> PickerAsync(CommandForm form, FormField field, bool search, CancellationToken ct)
    {
        var typed = Request.Form[PartnerPicker.SearchName(form, field)].ToString();
        var name = typed.Trim();
        var choices = new List<PartnerChoice>();
        long? total = null;
        string? message = null;
        var invalid = false;
        if (search && name.Length == 0)
        {
            message = Text["FindPartnerEmpty"];
            invalid = true;
        }
        else if (search && TextRules.Problem(name, TextKind.Name) is not null)
        {
            message = Text["SearchInvalid.referrer"];
            invalid = true;
        }
        else if (search)
        {
            var found = await Mediator.Send(new ListPartners(Tenant, PageSize: PartnerPicker.MaxShown, Name: name), ct);
            choices.AddRange(found.Items.Select(Choice));
            total = found.Total;
            message = found.Total == 0 ? Text["FindPartnerNone", Shown(name)]
                : found.Total > found.Items.Count ? Text["FindPartnerMore", found.Items.Count, found.Total]
                : Text["FindPartnerFound", found.Total];
        }

        if (Guid.TryParse(Request.Form[$"{form.Key}.{field.Name}"].ToString(), out var chosen) && choices.All(c => c.Id != chosen)
            && await Mediator.Send(new GetPartner(Tenant, chosen), ct) is { } partner)
        {
            choices.Insert(0, Choice(partner));
        }

        return new PartnerPicker(typed, choices, total, message, invalid);
    }

    private PartnerChoice Choice(PartnerView partner) => new(partner.Id, partner.Name, $"{Text.Name(partner.Stage)}, {partner.Sector}");

    /// <summary>What the field showed when the form was refused (so nothing typed is lost), else its default (dates: today).</summary>
    public string Value(FormField field) =>
        Failed ? Request.Form[$"{CommandForms.NewPartner.Key}.{field.Name}"] is { Count: > 0 } typed ? typed[0] ?? "" : ""
        : field.Kind == FieldKind.Date ? Date(Today) : "";

    public bool Checked(FormField field, string value) =>
        Failed && Request.Form[$"{CommandForms.NewPartner.Key}.{field.Name}"].Contains(value);
}
