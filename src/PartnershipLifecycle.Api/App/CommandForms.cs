using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Partners.WinningBack;
using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.Api.App;

/// <summary>How a form field is shown and how its text becomes JSON for the command's body.</summary>
public enum FieldKind
{
    /// <summary>One line of text (a JSON string; empty is left out).</summary>
    Text,
    /// <summary>Free text (a JSON string; empty is left out).</summary>
    TextArea,
    /// <summary>A business date, <c>YYYY-MM-DD</c> (defaults to today).</summary>
    Date,
    /// <summary>A partner of the institution, chosen by name (its id in the body); the New partner page's referrer.</summary>
    Partner,
    /// <summary>A whole number (sent as a number when it parses, else as the text, for the API to refuse by name).</summary>
    Integer,
    /// <summary>A decimal number.</summary>
    Decimal,
    /// <summary>One value of a vocabulary (snake_case).</summary>
    Choice,
    /// <summary>Several values of a vocabulary (checkboxes; a JSON array).</summary>
    Choices,
    /// <summary>One item per line (a JSON array of strings).</summary>
    Lines,
    /// <summary>A checkbox (a JSON boolean).</summary>
    Check,
}

/// <summary>A field: its name in the command's body (dots for nested objects: <c>commitments.mentors</c>).</summary>
/// <param name="Required">Whether the API requires it (the input is marked <c>required</c>; the API still decides).</param>
public sealed record FormField(string Name, FieldKind Kind, bool Required = false, Type? Vocabulary = null)
{
    /// <summary>
    /// The most characters the API takes (<c>maxlength</c>): a one-line text field is a name (<see cref="Limits.Name"/>);
    /// null for the others. The API counts user-perceived characters, a browser UTF-16 code units, so a name of
    /// characters outside the Basic Multilingual Plane is cut at half as many in the browser as the API would take.
    /// </summary>
    public int? MaxLength => Kind == FieldKind.Text ? Limits.Name : null;
}

/// <summary>
/// One of the day's commands as a form on the partner page: <see cref="Path"/> is under <c>/api/partners/{id}/</c>
/// (<c>{item}</c> is the contact or follow-up it acts on); <see cref="Command"/> the API's command it sends, whose
/// stage rule (<see cref="StageRules.AllowedIn"/>, the one the decision refuses by) decides where the form is offered.
/// The API still decides; a refusal is shown beside the form.
/// </summary>
/// <param name="When">What else the partner must be for the form to be offered (a pilot not yet completed), beyond its stage.</param>
public sealed record CommandForm(string Key, string Path, Type Command, FormField[] Fields, bool PerItem = false, Func<PartnerView, bool>? When = null)
{
    /// <summary>The body of the command from the posted form: only the fields of this form, typed as the API reads them.</summary>
    public JsonObject Body(IFormCollection form)
    {
        var body = new JsonObject();
        foreach (var field in Fields)
        {
            var values = form[$"{Key}.{field.Name}"];
            // A single-value field posted more than once (a tampered form; pages refuse it, Repeated): its first value, never "a,b".
            var typed = values.Count > 0 ? values[0] ?? "" : "";
            var text = typed.Trim();
            JsonNode? node = field.Kind switch
            {
                FieldKind.Choices => new JsonArray([.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode?)JsonValue.Create(v))]),
                FieldKind.Lines => new JsonArray([.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode?)JsonValue.Create(l))]),
                FieldKind.Check => JsonValue.Create(values.Any(v => v is "true" or "on")),
                _ when text.Length == 0 => null,
                // Only a plain number is read as one ("1,5" is not 15, "1e3" not 1000): anything else goes as typed, for the API to refuse by name.
                FieldKind.Integer when PlainNumber(text, whole: true)
                    && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
                FieldKind.Decimal when PlainNumber(text, whole: false)
                    && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
                _ => JsonValue.Create(typed),
            };
            if (node is null)
            {
                continue;
            }

            // commitments.mentors → { "commitments": { "mentors": … } }
            var target = body;
            var parts = field.Name.Split('.');
            foreach (var part in parts[..^1])
            {
                target = target[part] as JsonObject ?? (JsonObject)(target[part] = new JsonObject());
            }

            target[parts[^1]] = node;
        }

        return body;
    }

    /// <summary>
    /// A plain number: an optional sign, ASCII digits and (unless <paramref name="whole"/>) at most one '.', with a digit
    /// somewhere — no thousands separators, exponents, spaces or currency signs, which a parser would silently reinterpret.
    /// </summary>
    public static bool PlainNumber(string text, bool whole)
    {
        var start = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        var points = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case >= '0' and <= '9':
                    digits++;
                    break;
                case '.' when !whole && points == 0:
                    points++;
                    break;
                default:
                    return false;
            }
        }

        return digits > 0;
    }

    /// <summary>
    /// The first single-value field of this form that was posted more than once (<c>contact.name=Amy&amp;contact.name=Bob</c>:
    /// a form changed in the browser), or null. Several choices and a checkbox may repeat.
    /// </summary>
    public FormField? Repeated(IFormCollection form) =>
        Fields.FirstOrDefault(f => f.Kind is not (FieldKind.Choices or FieldKind.Check) && form[$"{Key}.{f.Name}"].Count > 1);

    /// <summary>The field an API error names (<c>offerings[1]</c> → <c>offerings</c>), or null for the form as a whole.</summary>
    public string? FieldOf(string apiName)
    {
        var name = apiName.Split('[')[0];
        return Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))?.Name;
    }
}

/// <summary>The forms of the partner page, in the order a coordinator meets them.</summary>
public static class CommandForms
{
    public static readonly CommandForm[] All =
    [
        new("engagement", "engagements", typeof(RecordEngagement), [
            new("type", FieldKind.Choice, true, typeof(EngagementType)), new("occurredOn", FieldKind.Date, true),
            new("studentsReached", FieldKind.Integer, true), new("hours", FieldKind.Decimal, true), new("note", FieldKind.TextArea)]),
        new("communication", "communications", typeof(LogCommunication), [
            new("channel", FieldKind.Choice, true, typeof(CommunicationChannel)), new("direction", FieldKind.Choice, true, typeof(CommunicationDirection)),
            new("summary", FieldKind.TextArea, true), new("occurredOn", FieldKind.Date, true)]),
        new("outreach", "outreach", typeof(LogOutreach), [
            new("channel", FieldKind.Choice, true, typeof(OutreachChannel)), new("summary", FieldKind.TextArea, true), new("occurredOn", FieldKind.Date, true)]),
        new("followUp", "follow-ups", typeof(ScheduleFollowUp), [
            new("dueOn", FieldKind.Date, true), new("purpose", FieldKind.TextArea, true), new("owner", FieldKind.Text)]),
        new("contact", "contacts", typeof(AddContact), [
            new("name", FieldKind.Text, true), new("role", FieldKind.Choice, true, typeof(ContactRole)), new("email", FieldKind.Text),
            new("occurredOn", FieldKind.Date, true)]),
        new("pitch", "pitches", typeof(DeliverPitch), [
            new("valueProposition", FieldKind.TextArea, true), new("offerings", FieldKind.Choices, true, typeof(Offering)), new("occurredOn", FieldKind.Date, true)]),
        new("pitchOutcome", "pitch-outcome", typeof(RecordPitchOutcome), [
            new("outcome", FieldKind.Choice, true, typeof(PitchOutcome)), new("reason", FieldKind.TextArea), new("occurredOn", FieldKind.Date, true)],
            When: p => p.LatestPitch is not null),
        new("pilot", "pilot", typeof(StartPilot), [
            new("description", FieldKind.TextArea, true), new("startsOn", FieldKind.Date, true), new("endsOn", FieldKind.Date, true)]),
        new("completePilot", "pilot/complete", typeof(CompletePilot), [
            new("occurredOn", FieldKind.Date, true), new("rating", FieldKind.Integer, true), new("feedback", FieldKind.TextArea, true),
            new("testimonial", FieldKind.TextArea)],
            When: p => p.Pilot is { CompletedOn: null }),
        new("mou", "mou", typeof(SignMou), [
            new("signedOn", FieldKind.Date, true), new("startsOn", FieldKind.Date, true), new("endsOn", FieldKind.Date, true),
            new("commitments.placementsPerYear", FieldKind.Integer, true), new("commitments.mentors", FieldKind.Integer, true),
            new("commitments.guestSessionsPerYear", FieldKind.Integer, true), new("commitments.advisoryBoardSeat", FieldKind.Check),
            new("partnerResponsibilities", FieldKind.Lines), new("institutionResponsibilities", FieldKind.Lines)]),
        new("evaluation", "evaluations", typeof(RecordEvaluation), [
            new("period", FieldKind.Text, true), new("studentSatisfaction", FieldKind.Integer, true), new("partnerSatisfaction", FieldKind.Integer, true),
            new("mentorPreparedness", FieldKind.Integer, true), new("studentInterest", FieldKind.Integer, true), new("hires", FieldKind.Integer, true),
            new("note", FieldKind.TextArea), new("occurredOn", FieldKind.Date, true)]),
        // The commitments from now on, in full (shown with the MOU's current ones).
        new("amendMou", "mou/amend", typeof(AmendMou), [
            new("commitments.placementsPerYear", FieldKind.Integer, true), new("commitments.mentors", FieldKind.Integer, true),
            new("commitments.guestSessionsPerYear", FieldKind.Integer, true), new("commitments.advisoryBoardSeat", FieldKind.Check),
            new("reason", FieldKind.TextArea, true), new("occurredOn", FieldKind.Date, true)],
            When: p => p.ActiveMou is not null),
        new("renewMou", "mou/renew", typeof(RenewMou), [new("endsOn", FieldKind.Date, true), new("occurredOn", FieldKind.Date, true)],
            When: p => p.ActiveMou is not null),
        new("pause", "pause", typeof(PausePartnership), [new("reason", FieldKind.TextArea, true), new("occurredOn", FieldKind.Date, true)]),
        new("resume", "resume", typeof(ResumePartnership), [new("occurredOn", FieldKind.Date, true)]),
        new("lost", "lost", typeof(MarkPartnershipLost), [
            new("reason", FieldKind.Choice, true, typeof(LossReason)), new("note", FieldKind.TextArea), new("occurredOn", FieldKind.Date, true)]),
        new("reactivate", "reactivate", typeof(ReactivatePartnership), [
            new("channel", FieldKind.Choice, true, typeof(RecruitmentChannel)), new("note", FieldKind.TextArea), new("occurredOn", FieldKind.Date, true)]),
        // Per item: shown beside the contact or follow-up they act on.
        new("contactRole", "contacts/{item}/role", typeof(ChangeContactRole), [
            new("role", FieldKind.Choice, true, typeof(ContactRole)), new("occurredOn", FieldKind.Date, true)], PerItem: true),
        new("departure", "contacts/{item}/departed", typeof(RecordContactDeparture), [
            new("occurredOn", FieldKind.Date, true), new("movedTo", FieldKind.Text), new("note", FieldKind.TextArea)], PerItem: true),
        new("complete", "follow-ups/{item}/complete", typeof(CompleteFollowUp), [new("occurredOn", FieldKind.Date, true), new("outcome", FieldKind.TextArea)], PerItem: true),
    ];

    /// <summary>
    /// A new prospect (<c>POST /api/partners</c>, the Partners page's "New partner"): not one of <see cref="All"/>,
    /// since no partner exists yet to be in a stage. <c>allowDuplicate</c> is offered only once the duplicate check refused.
    /// </summary>
    public static readonly CommandForm NewPartner = new("partner", "/api/partners", typeof(IdentifyProspect), [
        new("name", FieldKind.Text, true), new("sector", FieldKind.Text, true), new("channel", FieldKind.Choice, true, typeof(RecruitmentChannel)),
        new("website", FieldKind.Text), new("referredByPartnerId", FieldKind.Partner), new("motivations", FieldKind.Choices, false, typeof(Motivation)),
        new("note", FieldKind.TextArea), new("occurredOn", FieldKind.Date, true), new("allowDuplicate", FieldKind.Check)]);

    public static CommandForm? Find(string? key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>Whether the form is offered for a partner in <paramref name="stage"/>: whether its command's stage rule allows it.</summary>
    public static bool Offered(CommandForm form, Stage stage) => StageRules.Allows(form.Command, stage);

    /// <summary>Whether the form is offered for <paramref name="partner"/>: its stage allows the command, and the form's own condition holds.</summary>
    public static bool Offered(CommandForm form, PartnerView partner) => Offered(form, partner.Stage) && (form.When is null || form.When(partner));
}

/// <summary>
/// What the shared field list (<c>Pages/Shared/_FormFields.cshtml</c>) renders: the form's fields with their labels,
/// each with what it showed when refused (else its default) and the API's messages beside it.
/// </summary>
/// <param name="Prefix">The element ids' prefix (<c>engagement</c>, <c>departure-{contactId}</c>).</param>
/// <param name="Value">The text a field shows.</param>
/// <param name="Checked">Whether a checkbox of a field (its value) is ticked.</param>
/// <param name="Errors">The API's messages by field name (empty when the form was not refused).</param>
/// <param name="Offers">Whether a choice field offers a value (every value when null): the domain's rules for this partner.</param>
/// <param name="Picker">What a <see cref="FieldKind.Partner"/> field offers: the partners found by name (the New partner page).</param>
public sealed record FormFieldsView(
    CommandForm Form, string Prefix, Func<FormField, string> Value, Func<FormField, string, bool> Checked, IReadOnlyDictionary<string, string[]> Errors,
    Func<FormField, Enum, bool>? Offers = null, PartnerPicker? Picker = null)
{
    /// <summary>The values of a choice field that are offered.</summary>
    public IEnumerable<Enum> Choices(FormField field) =>
        Enum.GetValues(field.Vocabulary!).Cast<Enum>().Where(v => Offers is null || Offers(field, v));
}

/// <summary>
/// A partner chosen by name without JavaScript: the coordinator types part of a name and presses <i>Find</i> (the
/// form is posted with <c>find</c> set to the field, nothing is sent to the API and every value is kept), then chooses
/// one of the partners found (<see cref="MaxShown"/> at most, by name, as the partner list finds names) from a list
/// whose values are their ids.
/// </summary>
/// <param name="Search">The name typed, as typed.</param>
/// <param name="Choices">The partners offered: those found, and the one already chosen.</param>
/// <param name="Total">How many partners the search found in all (null: no search made).</param>
/// <param name="Message">What the search found, or why it was not made.</param>
/// <param name="Invalid">Whether <paramref name="Message"/> is a refusal of the search text.</param>
public sealed record PartnerPicker(string? Search, IReadOnlyList<PartnerChoice> Choices, long? Total, string? Message, bool Invalid = false)
{
    /// <summary>How many partners a search offers at most.</summary>
    public const int MaxShown = 20;

    /// <summary>The form value of the search box (beside the field: <c>partner.referredByPartnerId.search</c>).</summary>
    public static string SearchName(CommandForm form, FormField field) => $"{form.Key}.{field.Name}.search";

    public static readonly PartnerPicker Empty = new(null, [], null, null);
}

/// <summary>A partner offered by a <see cref="PartnerPicker"/>: its id, name and what tells it apart (stage, sector).</summary>
public sealed record PartnerChoice(Guid Id, string Name, string Detail);
