using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
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

    /// <summary>A message carried over a redirect after a command was accepted.</summary>
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

    protected async Task LoadPermissionsAsync() =>
        CanCoordinate = (await authorization.AuthorizeAsync(User, Policies.Coordinate)).Succeeded;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    public string Moment(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, calendar.ZoneOf(Tenant)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
