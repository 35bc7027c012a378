using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;

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
public sealed record FormField(string Name, FieldKind Kind, bool Required = false, Type? Vocabulary = null);

/// <summary>
/// One of the day's commands as a form on the partner page: <see cref="Path"/> is under <c>/api/partners/{id}/</c>
/// (<c>{item}</c> is the contact or follow-up it acts on); <see cref="Command"/> the API's command it sends, whose
/// stage rule (<see cref="StageRules.AllowedIn"/>, the one the decision refuses by) decides where the form is offered.
/// The API still decides; a refusal is shown beside the form.
/// </summary>
public sealed record CommandForm(string Key, string Path, Type Command, FormField[] Fields, bool PerItem = false)
{
    /// <summary>The body of the command from the posted form: only the fields of this form, typed as the API reads them.</summary>
    public JsonObject Body(IFormCollection form)
    {
        var body = new JsonObject();
        foreach (var field in Fields)
        {
            var values = form[$"{Key}.{field.Name}"];
            var text = values.ToString().Trim();
            JsonNode? node = field.Kind switch
            {
                FieldKind.Choices => new JsonArray([.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode?)JsonValue.Create(v))]),
                FieldKind.Lines => new JsonArray([.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode?)JsonValue.Create(l))]),
                FieldKind.Check => JsonValue.Create(values.Any(v => v is "true" or "on")),
                _ when text.Length == 0 => null,
                FieldKind.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
                FieldKind.Decimal when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
                _ => JsonValue.Create(values.ToString()),
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
        new("mou", "mou", typeof(SignMou), [
            new("signedOn", FieldKind.Date, true), new("startsOn", FieldKind.Date, true), new("endsOn", FieldKind.Date, true),
            new("commitments.placementsPerYear", FieldKind.Integer, true), new("commitments.mentors", FieldKind.Integer, true),
            new("commitments.guestSessionsPerYear", FieldKind.Integer, true), new("commitments.advisoryBoardSeat", FieldKind.Check),
            new("partnerResponsibilities", FieldKind.Lines), new("institutionResponsibilities", FieldKind.Lines)]),
        new("pause", "pause", typeof(PausePartnership), [new("reason", FieldKind.TextArea, true), new("occurredOn", FieldKind.Date, true)]),
        new("resume", "resume", typeof(ResumePartnership), [new("occurredOn", FieldKind.Date, true)]),
        new("lost", "lost", typeof(MarkPartnershipLost), [
            new("reason", FieldKind.Choice, true, typeof(LossReason)), new("note", FieldKind.TextArea), new("occurredOn", FieldKind.Date, true)]),
        new("reactivate", "reactivate", typeof(ReactivatePartnership), [
            new("channel", FieldKind.Choice, true, typeof(RecruitmentChannel)), new("note", FieldKind.TextArea), new("occurredOn", FieldKind.Date, true)]),
        // Per item: shown beside the contact or follow-up they act on.
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
        new("website", FieldKind.Text), new("referredByPartnerId", FieldKind.Text), new("motivations", FieldKind.Choices, false, typeof(Motivation)),
        new("note", FieldKind.TextArea), new("occurredOn", FieldKind.Date, true), new("allowDuplicate", FieldKind.Check)]);

    public static CommandForm? Find(string? key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>Whether the form is offered for a partner in <paramref name="stage"/>: whether its command's stage rule allows it.</summary>
    public static bool Offered(CommandForm form, Stage stage) => StageRules.Allows(form.Command, stage);
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
public sealed record FormFieldsView(
    CommandForm Form, string Prefix, Func<FormField, string> Value, Func<FormField, string, bool> Checked, IReadOnlyDictionary<string, string[]> Errors,
    Func<FormField, Enum, bool>? Offers = null)
{
    /// <summary>The values of a choice field that are offered.</summary>
    public IEnumerable<Enum> Choices(FormField field) =>
        Enum.GetValues(field.Vocabulary!).Cast<Enum>().Where(v => Offers is null || Offers(field, v));
}
