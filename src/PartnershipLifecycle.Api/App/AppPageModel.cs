using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Api.App;

/// <summary>What every page of the app shares: the caller's institution and today, the strings, what the role may do.</summary>
public abstract class AppPageModel(IMediator mediator, IStringLocalizer<AppText> text, InstitutionCalendar calendar, IAuthorizationService authorization) : PageModel
{
    protected IMediator Mediator => mediator;

    public IStringLocalizer<AppText> Text => text;

    public string Tenant => User.TenantId();

    /// <summary>The institution's business date today.</summary>
    public DateOnly Today => calendar.Today(Tenant);

    protected InstitutionCalendar Calendar => calendar;

    /// <summary>Whether the caller may send the day's commands: the API's own <c>coordinate</c> policy.</summary>
    public bool CanCoordinate { get; private set; }

    /// <summary>A message carried over a redirect after a command was accepted (<see cref="DoneHere"/> shows it).</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>
    /// How long a page shown right after an accepted command (<see cref="Done"/> carried over the redirect) waits for
    /// the asynchronous read models it shows (alerts, health, commitments) to catch up with that command, so that the
    /// coordinator sees what they just did; at most <see cref="CatchUpAfterCommand"/>, then the page shows what is there.
    /// Zero on any other request.
    /// </summary>
    protected TimeSpan CatchUp => Done is not null ? CatchUpAfterCommand : TimeSpan.Zero;

    /// <summary>The longest a page waits for read models after a command (<see cref="CatchUp"/>): 2 seconds.</summary>
    public static readonly TimeSpan CatchUpAfterCommand = TimeSpan.FromSeconds(2);

    /// <summary>The path of the page <see cref="Done"/> is for: the page the redirect goes to.</summary>
    [TempData]
    public string? DoneFor { get; set; }

    /// <summary>
    /// <see cref="Done"/> when this is the page it was meant for, else null: a message is never shown on another page
    /// (one opened in between, an error page), and any page of the app that reads it uses it up.
    /// </summary>
    public string? DoneHere => Done is not null && string.Equals(DoneFor, Request.Path.Value, StringComparison.OrdinalIgnoreCase) ? Done : null;

    /// <summary>Says <paramref name="message"/> on the page at <paramref name="path"/>, the one the answer redirects to.</summary>
    protected RedirectResult RedirectWith(string message, string path)
    {
        Done = message;
        DoneFor = path;
        return Redirect(path);
    }

    /// <summary>
    /// What the page says about the values of its address (<c>?stage=</c>, <c>?page=</c>, ...): one it could not use
    /// (<see cref="QueryNote.Refused"/>; the page answers 400 and says what it showed instead), or one it changed (a page
    /// past the last). Pages check their own values: the API's query guard does not apply under <c>/app</c>.
    /// </summary>
    public List<QueryNote> QueryNotes { get; } = [];

    /// <summary>A query value the page could not use: said on the page, and the answer is 400.</summary>
    protected void QueryInvalid(string message)
    {
        QueryNotes.Add(new QueryNote(message, Refused: true));
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary><see cref="QueryInvalid"/>, giving back the value shown instead.</summary>
    protected T Invalid<T>(T instead, string message)
    {
        QueryInvalid(message);
        return instead;
    }

    /// <summary>A query value the page changed (a page past the last): said on the page.</summary>
    protected void QueryAdjusted(string message) => QueryNotes.Add(new QueryNote(message, Refused: false));

    /// <summary>
    /// A vocabulary value of the query (<c>stage=active</c>), or null when it is absent or empty; a value of no
    /// vocabulary is refused with a message naming it and the filter (<paramref name="label"/>, as the page labels it).
    /// </summary>
    protected T? QueryEnum<T>(string? wire, string label) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(wire))
        {
            return null;
        }

        if (PartnershipJson.TryFromWire<T>(wire, out var value))
        {
            return value;
        }

        QueryInvalid(Text["FilterInvalid", Shown(wire), label]);
        return null;
    }

    /// <summary>A page number of the query (1 when absent); anything but a whole number from 1 is refused, and page 1 shown.</summary>
    protected int QueryPage(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? page
            : Invalid(1, Text["PageInvalid", Shown(text)]);
    }

    /// <summary>
    /// A value the user sent, safe to show in a message: a control character or a text-direction control (which would
    /// reorder the message around it) is written as its code point (<c>U+202E</c>), and a long value is cut.
    /// </summary>
    public static string Shown(string value)
    {
        const int Max = 40;
        var shown = new System.Text.StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            if (shown.Length >= Max)
            {
                shown.Append('…');
                break;
            }

            if (Rune.IsControl(rune) || rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0x200E or 0x200F or 0x061C)
            {
                shown.Append(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
            }
            else
            {
                shown.Append(rune.ToString());
            }
        }

        return shown.ToString();
    }

    protected async Task LoadPermissionsAsync() =>
        CanCoordinate = (await authorization.AuthorizeAsync(User, Policies.Coordinate)).Succeeded;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    public string Moment(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, calendar.ZoneOf(Tenant)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>A message about a value of the page's address: refused (the page answers 400), or only changed.</summary>
public sealed record QueryNote(string Text, bool Refused);
