using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Api.App.Pages;

/// <summary>
/// <c>/app/today[?alertsPage=N]</c>: what needs attention. Open alerts (escalated first, then the longest waiting,
/// <see cref="AlertsPageSize"/> a page; acknowledge in place), follow-ups due
/// within 7 days and overdue, MOUs ending within <c>Mou:RemindBefore</c>, partners at risk with their factors.
/// </summary>
public sealed class TodayModel(IMediator mediator, IStringLocalizer<AppText> text, InstitutionCalendar calendar, IAuthorizationService authorization,
    AppApi api, IOptions<MouSettings> mou) : AppPageModel(mediator, text, calendar, authorization)
{
    /// <summary>Follow-ups due up to this many days ahead count as "this week".</summary>
    public const int FollowUpDaysAhead = 7;

    public IReadOnlyList<AlertView> Alerts { get; private set; } = [];

    public IReadOnlyList<FollowUpDue> FollowUps { get; private set; } = [];

    public IReadOnlyList<MouEnding> Mous { get; private set; } = [];

    /// <summary>The worst <see cref="AtRiskShown"/> partners at risk (score, then name).</summary>
    public IReadOnlyList<PartnerHealth> AtRisk { get; private set; } = [];

    /// <summary>How many partners are at risk in all (the partner list's band filter shows them all).</summary>
    public long AtRiskTotal { get; private set; }

    /// <summary>How many partners at risk Today lists.</summary>
    public const int AtRiskShown = 20;

    /// <summary>How many alerts are open in all.</summary>
    public long OpenAlerts { get; private set; }

    /// <summary>Open alerts are listed <see cref="AlertsPageSize"/> at a time, escalated first, then the longest waiting.</summary>
    public const int AlertsPageSize = 50;

    /// <summary>The page of open alerts shown (1 and up; <c>?alertsPage=</c>).</summary>
    public int AlertsPage { get; private set; } = 1;

    /// <summary>How many pages of open alerts there are (at least 1).</summary>
    public long AlertsPages => Math.Max(1, (OpenAlerts + AlertsPageSize - 1) / AlertsPageSize);

    public DateOnly MouWindowEnd { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? alertsPage, CancellationToken ct)
    {
        AlertsPage = QueryPage(alertsPage);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(string? alertId, string? alertsPage, CancellationToken ct)
    {
        AlertsPage = int.TryParse(alertsPage, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shown) && shown >= 1 ? shown : 1;
        // What the user sent is named (an id that is no UUID would otherwise be bound as the all-zero one).
        if (!Guid.TryParse(alertId, out var id) || id == Guid.Empty)
        {
            Error = Text["AlertIdInvalid", Shown(alertId ?? "")];
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var answer = await api.PostAsync($"/api/alerts/{id}/acknowledge", null, null, ct);
        if (answer.Accepted)
        {
            Done = Text["AlertAcknowledged"];
            DoneFor = "/app/today";
            return AlertsPage > 1 ? RedirectToPage(new { alertsPage = AlertsPage }) : RedirectToPage();
        }

        Error = answer.Status switch
        {
            StatusCodes.Status404NotFound => Text["AlertNotFound", id],
            StatusCodes.Status403Forbidden => Text["NotAllowedForRole"],
            _ => answer.Detail ?? Text["CommandFailed"],
        };
        await LoadAsync(ct);
        Response.StatusCode = answer.Status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadPermissionsAsync();
        var today = Today;
        // What needs attention first across every open alert, a page at a time: escalated, then the longest waiting.
        var open = await Mediator.Send(new ListTurnoverAlerts(Tenant, AlertStatus.Open, Paging: new PageRequest(AlertsPage, AlertsPageSize),
            Order: AlertOrder.EscalatedThenOldest) { CatchUp = CatchUp }, ct);
        if (open.Items.Count == 0 && AlertsPage > 1)
        {
            // Past the last page (alerts were acknowledged since the link was made): the last page instead, and the page says so.
            var asked = AlertsPage;
            AlertsPage = (int)Math.Min(int.MaxValue, Math.Max(1, (open.Total + AlertsPageSize - 1) / AlertsPageSize));
            QueryAdjusted(Text["PageClamped", asked, AlertsPage]);
            open = await Mediator.Send(new ListTurnoverAlerts(Tenant, AlertStatus.Open, Paging: new PageRequest(AlertsPage, AlertsPageSize),
                Order: AlertOrder.EscalatedThenOldest), ct);
        }

        Alerts = open.Items;
        OpenAlerts = open.Total;
        FollowUps = await Mediator.Send(new ListFollowUpsDue(Tenant, today.AddDays(FollowUpDaysAhead)), ct);
        MouWindowEnd = today.AddDays((int)Math.Ceiling(mou.Value.RemindBefore.TotalDays));
        Mous = await Mediator.Send(new ListMousEnding(Tenant, MouWindowEnd), ct);
        var atRisk = await Mediator.Send(new ListPartnerHealth(Tenant, HealthBand.AtRisk, PageSize: AtRiskShown) { CatchUp = CatchUp }, ct);
        AtRisk = atRisk.Items;
        AtRiskTotal = atRisk.Total;
    }
}
