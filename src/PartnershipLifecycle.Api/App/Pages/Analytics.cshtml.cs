using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Analytics;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/analytics</c>, for analysts and admins (the API's <c>analyse</c> policy): the funnel, channels with
/// retention, losses and commitments, each as a chart with its table beside it, and
/// <c>?handler=Csv&amp;report=funnel|channels|losses|commitments</c> for the same CSV the API answers.
/// </summary>
public sealed class AnalyticsModel(IMediator mediator, IStringLocalizer<AppText> text, InstitutionCalendar calendar, IAuthorizationService authorization)
    : AppPageModel(mediator, text, calendar, authorization)
{
    public Funnel Funnel { get; private set; } = null!;

    public ChannelReport Channels { get; private set; } = null!;

    public LossReport Losses { get; private set; } = null!;

    /// <summary>One page of the commitments report (<see cref="CommitmentsPageSize"/> partners by name); the CSV has them all.</summary>
    public CommitmentPage Commitments { get; private set; } = null!;

    /// <summary>Partners per page of the commitments table.</summary>
    public const int CommitmentsPageSize = 50;

    /// <summary>How many pages the commitments table has (at least 1).</summary>
    public long CommitmentPages => Math.Max(1, (Commitments.Total + CommitmentsPageSize - 1) / CommitmentsPageSize);

    public async Task OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken ct)
    {
        Funnel = await Mediator.Send(new GetFunnel(Tenant), ct);
        Channels = await Mediator.Send(new GetChannelReport(Tenant), ct);
        Losses = await Mediator.Send(new GetLossReport(Tenant), ct);
        // "page" is a route value of Razor Pages: bound from the query string by name.
        var number = QueryPage(pageNumber);
        Commitments = await Mediator.Send(new GetCommitmentReport(Tenant, new PageRequest(number, CommitmentsPageSize)), ct);
        if (Commitments.Items.Count == 0 && number > 1)
        {
            // Past the last page: the last page, and the page says so.
            var last = (int)Math.Min(int.MaxValue, CommitmentPages);
            QueryAdjusted(Text["PageClamped", number, last]);
            Commitments = await Mediator.Send(new GetCommitmentReport(Tenant, new PageRequest(last, CommitmentsPageSize)), ct);
        }
    }

    /// <summary>The link to page <paramref name="page"/> of the commitments table.</summary>
    public static string CommitmentsPageLink(long page) =>
        "/app/analytics?page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) + "#commitments-heading";

    /// <summary>
    /// The same CSV the API answers (the commitments streamed from the database a batch at a time), starting with the
    /// UTF-8 byte-order mark so that a spreadsheet (Excel) reads names in any script as UTF-8.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(string? report, CancellationToken ct)
    {
        IResult? csv = report switch
        {
            "funnel" => CsvAnswer.Report(HttpContext, await Mediator.Send(new GetFunnel(Tenant), ct), report, byteOrderMark: true),
            "channels" => CsvAnswer.Report(HttpContext, await Mediator.Send(new GetChannelReport(Tenant), ct), report, byteOrderMark: true),
            "losses" => CsvAnswer.Report(HttpContext, await Mediator.Send(new GetLossReport(Tenant), ct), report, byteOrderMark: true),
            "commitments" => CsvAnswer.Commitments(HttpContext, Tenant, (export, c) => Mediator.Send(export, c), byteOrderMark: true),
            _ => null,
        };
        if (csv is null)
        {
            return NotFound();
        }

        await csv.ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    public static string Percent(double? share) => share is { } s ? s.ToString("P0", System.Globalization.CultureInfo.CurrentCulture) : "—";
}
