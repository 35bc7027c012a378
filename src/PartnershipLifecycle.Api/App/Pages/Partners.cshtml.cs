using Microsoft.AspNetCore.Mvc;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/partners?q=&amp;stage=&amp;channel=&amp;band=&amp;page=</c>: the partner list of <c>ListPartners</c>, the same query
/// as <c>GET /api/partners</c>; <c>q</c> matches names as duplicates are recognised. Unknown filter values are ignored.
/// </summary>
public sealed class PartnersModel(IMediator mediator, IStringLocalizer<AppText> text, InstitutionCalendar calendar, IAuthorizationService authorization)
    : AppPageModel(mediator, text, calendar, authorization)
{
    public const int PageSize = 25;

    public string? Q { get; private set; }

    public Stage? Stage { get; private set; }

    public RecruitmentChannel? Channel { get; private set; }

    public HealthBand? Band { get; private set; }

    public Paged<PartnerView> Result { get; private set; } = new([], 0, 1, PageSize);

    public long Pages => Math.Max(1, (Result.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(string? q, string? stage, string? channel, string? band, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        await LoadPermissionsAsync();
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Stage = Parse<Stage>(stage);
        Channel = Parse<RecruitmentChannel>(channel);
        Band = Parse<HealthBand>(band);
        // "page" is a route value of Razor Pages (the page's path): bound from the query string by name, or it is never the query's.
        var number = Math.Max(1, pageNumber ?? 1);
        Result = await Mediator.Send(new ListPartners(Tenant, Stage, null, Channel, Band, number, PageSize, Q), ct);
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?> { ["q"] = Q, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Stage is { } s) query["stage"] = AppText.Wire(s);
        if (Channel is { } c) query["channel"] = AppText.Wire(c);
        if (Band is { } b) query["band"] = AppText.Wire(b);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/app/partners", query.Where(p => p.Value is not null));
    }

    private static T? Parse<T>(string? wire) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => AppText.Wire(v!.Value) == wire);
}
