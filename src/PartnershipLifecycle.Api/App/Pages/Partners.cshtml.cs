using Microsoft.AspNetCore.Mvc;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/partners?q=&amp;stage=&amp;channel=&amp;band=&amp;page=</c>: the partner list of <c>ListPartners</c>, the same query
/// as <c>GET /api/partners</c>; <c>q</c> matches names as duplicates are recognised. A value the page cannot use (a search
/// text no name could hold, an unknown filter value, a page that is not a number) answers 400 with the page, saying what
/// it showed instead; a page past the last shows the last and says so.
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

    /// <summary>Why the search text was not used (beside the search box), or null.</summary>
    public string? SearchError { get; private set; }

    public async Task OnGetAsync(string? q, string? stage, string? channel, string? band, [FromQuery(Name = "page")] string? pageNumber, CancellationToken ct)
    {
        await LoadPermissionsAsync();
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Q is not null && TextRules.Problem(Q, TextKind.Name) is not null)
        {
            // A control character or a text-direction control: no name has one; the search is not made, and the page says why.
            SearchError = Text["SearchInvalid"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Q = null;
        }

        Stage = QueryEnum<Stage>(stage, Text["StageLabel"]);
        Channel = QueryEnum<RecruitmentChannel>(channel, Text["ChannelLabel"]);
        Band = QueryEnum<HealthBand>(band, Text["BandLabel"]);
        // "page" is a route value of Razor Pages (the page's path): bound from the query string by name, or it is never the query's.
        var number = QueryPage(pageNumber);
        Result = await Mediator.Send(new ListPartners(Tenant, Stage, null, Channel, Band, number, PageSize, Q), ct);
        if (Result.Items.Count == 0 && number > 1)
        {
            // Past the last page (a link made before partners left the search): the last page, and the page says so.
            var last = (int)Math.Min(int.MaxValue, Pages);
            QueryAdjusted(Text["PageClamped", number, last]);
            Result = await Mediator.Send(new ListPartners(Tenant, Stage, null, Channel, Band, last, PageSize, Q), ct);
        }
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
