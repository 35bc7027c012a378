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
/// <c>/app/today</c>: what needs attention. Open alerts (escalated first; acknowledge in place), follow-ups due
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

    /// <summary>How many alerts are open in all (Today lists the newest 200).</summary>
    public long OpenAlerts { get; private set; }

    public DateOnly MouWindowEnd { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid alertId, CancellationToken ct)
    {
        var answer = await api.PostAsync($"/api/alerts/{alertId}/acknowledge", null, null, ct);
        if (answer.Accepted)
        {
            Done = Text["AlertAcknowledged"];
            return RedirectToPage();
        }

        Error = answer.Detail ?? Text["CommandFailed"];
        await LoadAsync(ct);
        Response.StatusCode = answer.Status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadPermissionsAsync();
        var today = Today;
        // The newest open alerts (one page of the API's list, at most 200), escalated first, then oldest first.
        var open = await Mediator.Send(new ListTurnoverAlerts(Tenant, AlertStatus.Open, Paging: new PageRequest(1, PageRequest.MaxSize)), ct);
        Alerts = [.. open.Items.OrderByDescending(a => a.Escalated).ThenBy(a => a.RaisedAt)];
        OpenAlerts = open.Total;
        FollowUps = await Mediator.Send(new ListFollowUpsDue(Tenant, today.AddDays(FollowUpDaysAhead)), ct);
        MouWindowEnd = today.AddDays((int)Math.Ceiling(mou.Value.RemindBefore.TotalDays));
        Mous = await Mediator.Send(new ListMousEnding(Tenant, MouWindowEnd), ct);
        var atRisk = await Mediator.Send(new ListPartnerHealth(Tenant, HealthBand.AtRisk, PageSize: AtRiskShown), ct);
        AtRisk = atRisk.Items;
        AtRiskTotal = atRisk.Total;
    }
}
