using System.Globalization;
using System.Text.Json;
using MediatR;
using PartnershipLifecycle.Analytics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Partners.Auditing;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/partners/{id}[?asOf=YYYY-MM-DD[&amp;by=recorded]]</c>: the partner now, or as it was at the end of that day — by
/// default as it <b>happened</b> (every event whose business date is on or before the day, including entries typed in
/// later), or with <c>by=recorded</c> as the service had <b>recorded</b> it by the end of that day in the institution's
/// time zone (what an auditor replays) — its timeline, contacts, MOU, follow-ups, alerts and health, and the day's forms.
/// Another institution's partner, or none: the not-found page (404). A form posts to the API's own command with
/// <c>If-Match</c> set to the version the page showed; a 412 says the partner changed since it was opened.
/// </summary>
public sealed class PartnerModel(IMediator mediator, IStringLocalizer<AppText> text, InstitutionCalendar calendar, IAuthorizationService authorization, AppApi api)
    : AppPageModel(mediator, text, calendar, authorization)
{
    public PartnerView? Partner { get; private set; }

    /// <summary>Whether the institution has this partner at all (false: the not-found page).</summary>
    public bool Found { get; private set; }

    public IReadOnlyList<HistoryEntry> Timeline { get; private set; } = [];

    public IReadOnlyList<AlertView> Alerts { get; private set; } = [];

    public PartnerHealth? Health { get; private set; }

    /// <summary>The MOU's commitments against what was delivered in the MOU year of today (null: no MOU running, or a past day shown).</summary>
    public CommitmentDelivery? Delivery { get; private set; }

    /// <summary>The day the page shows the partner as it was at the end of, or null for now.</summary>
    public DateOnly? AsOf { get; private set; }

    /// <summary>Which dates <see cref="AsOf"/> counts events by: their business dates (the default) or when they were recorded.</summary>
    public AsOfMeaning By { get; private set; }

    /// <summary>The form that was posted and refused (its key), its messages by field, and its message as a whole.</summary>
    public string? FailedForm { get; private set; }

    public string? FailedItem { get; private set; }

    public Dictionary<string, string[]> FieldErrors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? FormError { get; private set; }

    /// <summary>The partner's name now, when the page shows a day before it was identified (or recorded): the heading.</summary>
    public string? CurrentName { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? asOf, string? by, CancellationToken ct)
    {
        By = by switch
        {
            "recorded" => AsOfMeaning.Recorded,
            null or "" or "occurred" => AsOfMeaning.Occurred,
            _ => Invalid(AsOfMeaning.Occurred, Text["ByInvalid", Shown(by)]),
        };
        if (asOf is { Length: > 0 })
        {
            if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                QueryInvalid(Text["AsOfInvalid", Shown(asOf)]);
            }
            else if (day < Today)
            {
                AsOf = day;
            }
            else if (day > Today)
            {
                // A day still to come: the partner as it is now (and no day past DateOnly.MaxValue to compute the day's
                // end from), and the page says so rather than showing today's partner and forms as that day's.
                QueryAdjusted(Text["AsOfFuture", Date(day)]);
            }
        }

        return await LoadAsync(id, ct) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        // Every form carries the version the page showed; without a valid one the command would be sent unconditionally.
        // A form, item or version the page never sent (changed in the browser: missing, empty, repeated, not a number),
        // or a field of the form posted twice: nothing is sent, and the page says so. Read from the posted form only,
        // one value each (never from the address, never "a,b").
        var command = Single("form") is { } key ? CommandForms.Find(key) : null;
        var item = Single("item");
        var version = Single("version");
        if (command is null || (command.PerItem ? !Guid.TryParse(item, out _) : Request.Form.ContainsKey("item"))
            || !long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var shown) || shown < 1
            || command.Repeated(Request.Form) is not null)
        {
            FormError = Text["FormTampered"];
            if (!await LoadAsync(id, ct))
            {
                return NotFoundPage();
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var path = $"/api/partners/{id}/{command.Path.Replace("{item}", item)}";
        var answer = await api.PostAsync(path, command.Body(Request.Form), shown, ct);
        if (answer.Accepted)
        {
            return RedirectWith(Text["Saved." + command.Key], $"/app/partners/{id}");
        }

        if (answer.Status == StatusCodes.Status404NotFound && !await LoadAsync(id, ct))
        {
            return NotFoundPage();
        }

        FailedForm = command.Key;
        FailedItem = item;
        foreach (var (field, answered) in answer.Errors)
        {
            // In the page's language, each field named by its label (ApiMessages).
            var messages = ApiMessages.WithLabels(answered, command, Text);
            if (command.FieldOf(field) is { } name)
            {
                FieldErrors[name] = messages;
            }
            else
            {
                FormError = string.Join(" ", [FormError, .. messages]).Trim();
            }
        }

        FormError = answer.Stale ? Text["ChangedSinceOpened"]
            : answer.Status == StatusCodes.Status403Forbidden ? Text["NotAllowedForRole"]
            : FieldErrors.Count > 0 && FormError is null ? Text["CheckTheFields"]
            : FormError ?? (answer.Status < 500 && answer.Detail is { } detail ? ApiMessages.WithLabels(detail, command, Text) : null) ?? Text["CommandFailed"];
        await LoadAsync(id, ct);
        if (!Shown(command, item) && FieldErrors.Count > 0 && !answer.Stale && answer.Status != StatusCodes.Status403Forbidden)
        {
            // The refused form is not on the page (not offered in the partner's stage, posted anyway): nothing to mark,
            // so its field messages, each with its field's label, are the message at the top.
            var fields = FieldErrors.Select(e => Text["FieldMessages", Text["Field." + e.Key].Value, string.Join(" ", e.Value)].Value);
            FormError = string.Join(" ", [.. FormError == Text["CheckTheFields"].Value ? [] : new[] { FormError }, .. fields]);
        }

        Response.StatusCode = answer.Status;
        return Page();
    }

    /// <summary>The one value of a posted form field, or null when it is missing or posted more than once.</summary>
    private string? Single(string name) => Request.Form[name] is { Count: 1 } values ? values[0] : null;

    /// <summary>
    /// Whether a form is on the page: the role may send it, the page shows the partner now, the partner's stage and the
    /// form's condition allow it, and a per-item form's contact (still active) or follow-up (still open) is there.
    /// </summary>
    public bool Shown(CommandForm form, string? item) =>
        CanCoordinate && AsOf is null && Partner is { } p && CommandForms.Offered(form, p) && (item is null ? !form.PerItem
            : form.Path.StartsWith("contacts/", StringComparison.Ordinal) ? p.Contacts.Any(c => c.ContactId.ToString() == item && c.Status == PartnershipLifecycle.Partners.ContactStatus.Active)
            : p.FollowUps.Any(f => f.FollowUpId.ToString() == item && f.CompletedOn is null));

    /// <summary>What the field showed when the form was refused (so nothing typed is lost), else its default.</summary>
    public string Value(CommandForm form, FormField field, string? item)
    {
        if (FailedForm == form.Key && FailedItem == item)
        {
            return Request.Form[$"{form.Key}.{field.Name}"] is { Count: > 0 } typed ? typed[0] ?? "" : "";
        }

        // An amendment starts from the MOU's commitments, a renewal a year after its end.
        var commitments = Partner?.ActiveMou?.Commitments;
        return (form.Key, field.Name) switch
        {
            ("amendMou", "commitments.placementsPerYear") when commitments is not null => commitments.PlacementsPerYear.ToString(CultureInfo.InvariantCulture),
            ("amendMou", "commitments.mentors") when commitments is not null => commitments.Mentors.ToString(CultureInfo.InvariantCulture),
            ("amendMou", "commitments.guestSessionsPerYear") when commitments is not null => commitments.GuestSessionsPerYear.ToString(CultureInfo.InvariantCulture),
            ("renewMou", "endsOn") when Partner?.ActiveMou is { } mou && mou.EndsOn < DateOnly.MaxValue.AddYears(-1) => Date(mou.EndsOn.AddYears(1)),
            _ => field.Kind == FieldKind.Date ? Date(Today) : "",
        };
    }

    public bool Checked(CommandForm form, FormField field, string value, string? item) =>
        FailedForm == form.Key && FailedItem == item ? Request.Form[$"{form.Key}.{field.Name}"].Contains(value)
            : form.Key == "amendMou" && field.Name == "commitments.advisoryBoardSeat" && Partner?.ActiveMou?.Commitments.AdvisoryBoardSeat == true;

    /// <summary>
    /// A few of the event's own values, for the timeline (strings, numbers and dates of its top level, and lists of
    /// vocabulary values). A vocabulary value (a channel, a role, an offering) is shown by its name in the page's
    /// language (<see cref="AppTextExtensions.Name"/>), the API's word only when a translation is missing.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> Facts(HistoryEntry entry, IStringLocalizer<AppText> text)
    {
        var type = entry.Data.GetType();
        var json = JsonSerializer.SerializeToElement(entry.Data, type, PartnershipJson.Options);
        if (json.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in json.EnumerateObject())
        {
            if (property.Name.EndsWith("Id", StringComparison.Ordinal) || property.Name == "occurredOn")
            {
                continue;
            }

            var value = PropertiesOf(type).GetValueOrDefault(property.Name)?.GetValue(entry.Data);
            switch (value)
            {
                case Enum vocabulary:
                    yield return (property.Name, text.Name(vocabulary));
                    break;
                case System.Collections.IEnumerable list and not string when list.Cast<object>().ToArray() is { Length: > 0 } items && items.All(i => i is Enum):
                    yield return (property.Name, string.Join(text["ListSeparator"].Value, items.Cast<Enum>().Select(text.Name)));
                    break;
                case var _ when property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number:
                    yield return (property.Name, property.Value.ToString());
                    break;
            }
        }
    }

    // An event type's public properties by their JSON names, looked up once per type (a 500-event timeline asks often).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyDictionary<string, System.Reflection.PropertyInfo>> Properties = new();

    private static IReadOnlyDictionary<string, System.Reflection.PropertyInfo> PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => PartnershipJson.Options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name, StringComparer.OrdinalIgnoreCase));

    private IActionResult NotFoundPage()
    {
        Partner = null;
        Found = false;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        await LoadPermissionsAsync();
        var byRecorded = By == AsOfMeaning.Recorded;
        DateTimeOffset? at = AsOf is { } day && byRecorded
            ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Calendar.ZoneOf(Tenant).GetUtcOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue))).AddTicks(-1)
            : null;
        var occurredBy = byRecorded ? null : AsOf;
        Partner = await Mediator.Send(new GetPartner(Tenant, id, AsOf: at, OccurredBy: occurredBy), ct);
        if (Partner is null)
        {
            // Not there (or not this institution's) — or, as of a past day, not yet identified (or not yet recorded).
            if (AsOf is not null && await Mediator.Send(new GetPartner(Tenant, id), ct) is { } now)
            {
                CurrentName = now.Name;
                FormError ??= Text[byRecorded ? "NotYetRecorded" : "NotYetIdentified"];
                Found = true;
                return true;
            }

            return false;
        }

        var history = await Mediator.Send(new GetPartnerHistory(Tenant, id), ct);
        Timeline = [.. (history?.Events ?? [])
            .Where(e => (at is null || e.RecordedAt <= at) && (occurredBy is null || e.OccurredOn is not { } on || on <= occurredBy))
            .Reverse()];
        Alerts = await Mediator.Send(new ListPartnerAlerts(Tenant, id) { CatchUp = CatchUp }, ct);
        if (AsOf is null)
        {
            Health = (await Mediator.Send(new GetPartnerHealth(Tenant, id) { CatchUp = CatchUp }, ct)).Health;
            Delivery = await Mediator.Send(new GetPartnerCommitments(Tenant, id) { CatchUp = CatchUp }, ct);
        }

        Found = true;
        return true;
    }
}

/// <summary>What "as it was on" a past day counts events by.</summary>
public enum AsOfMeaning
{
    /// <summary>Their business dates (<c>occurredOn</c>): what had happened by that day, as known now (entries typed in later count).</summary>
    Occurred,

    /// <summary>When the service recorded them: what it knew by the end of that day (what an auditor replays).</summary>
    Recorded,
}
