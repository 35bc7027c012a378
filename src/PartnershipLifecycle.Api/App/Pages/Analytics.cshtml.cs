using System.Text;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Analytics;
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

    public CommitmentReport Commitments { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Funnel = await Mediator.Send(new GetFunnel(Tenant), ct);
        Channels = await Mediator.Send(new GetChannelReport(Tenant), ct);
        Losses = await Mediator.Send(new GetLossReport(Tenant), ct);
        Commitments = await Mediator.Send(new GetCommitmentReport(Tenant), ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(string? report, CancellationToken ct)
    {
        var csv = report switch
        {
            "funnel" => CsvAnswer.Write(await Mediator.Send(new GetFunnel(Tenant), ct)),
            "channels" => CsvAnswer.Write(await Mediator.Send(new GetChannelReport(Tenant), ct)),
            "losses" => CsvAnswer.Write(await Mediator.Send(new GetLossReport(Tenant), ct)),
            "commitments" => CsvAnswer.Write(await Mediator.Send(new GetCommitmentReport(Tenant), ct)),
            _ => null,
        };
        return csv is null ? NotFound() : File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"{report}.csv");
    }

    public static string Percent(double? share) => share is { } s ? s.ToString("P0", System.Globalization.CultureInfo.CurrentCulture) : "—";
}
