using Marten;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Platform.Time;
using Wolverine;
using Wolverine.Attributes;

namespace PartnershipLifecycle.Automation;

/// <summary>The last band health was seen in, so a fall into <c>at_risk</c> is announced once per fall.</summary>
public sealed record HealthWatch(Guid Id, HealthBand Band, int FallsIntoAtRisk);

/// <summary>Re-score one partner now (after a change that can move its health).</summary>
public sealed record RescorePartnerHealth(Guid PartnerId);

/// <summary>
/// Once a day in each institution's own day: health changes as days pass without events, and MOU reminders and ends that fell due are
/// caught even if their scheduled message was lost or the clock was moved.
/// </summary>
public sealed record DailyChecks;

/// <summary>The daily checks of one tenant (fanned out by <see cref="DailyChecks"/>).</summary>
public sealed record DailyTenantChecks(string TenantId);

[WolverineHandler]
public static class HealthWatchHandlers
{
    private const int PageSize = 500;

    /// <summary>The fall, if the new band is <c>at_risk</c> and the last one was not.</summary>
    public static (HealthWatch Watch, IntegrationEvent? AtRisk) Observe(HealthWatch? watch, PartnerHealth health, string tenantId, DateTimeOffset now)
    {
        var fell = health.Band == HealthBand.AtRisk && watch?.Band != HealthBand.AtRisk;
        var falls = (watch?.FallsIntoAtRisk ?? 0) + (fell ? 1 : 0);
        var next = new HealthWatch(health.PartnerId, health.Band, falls);
        return (next, fell
            ? IntegrationEvent.Of(new PartnershipAtRiskNotice(health.PartnerName, health.Score, health.Band, health.Factors), tenantId,
                health.PartnerId, now, cause: $"{health.PartnerId}/{falls}")
            : null);
    }

    /// <summary>A band moved by the partner's events (the persisted health's projection): watch it.</summary>
    public static RescorePartnerHealth Handle(PartnerHealthBandChanged changed) => new(changed.PartnerId);

    public static async Task<OutgoingMessages> Handle(RescorePartnerHealth rescore, IDocumentSession session, HealthAssessor assessor, TimeProvider clock, CancellationToken ct)
    {
        var partner = await session.LoadAsync<Partner>(rescore.PartnerId, ct);
        return partner is null ? [] : await Rescore(session, assessor, [partner], clock, ct);
    }

    /// <summary>The hour of the institution's day the daily checks run in (02:00 to 02:59 where it is).</summary>
    public const int DailyChecksHour = 2;

    /// <summary>
    /// Runs every hour (UTC): fans out one message per tenant that has partners not lost and whose own clock is in
    /// <see cref="DailyChecksHour"/>, so each institution is checked once a day early in its own day. The tenants are
    /// read in every database institutions are placed on (<see cref="EveryDatabase"/>).
    /// </summary>
    public static async Task<OutgoingMessages> Handle(DailyChecks _, IDocumentStore store, InstitutionCalendar calendar, CancellationToken ct)
    {
        var tenants = await EveryDatabase.QueryAsync(store, session => TenantsWithLivePartnersAsync(session, ct));
        var messages = new OutgoingMessages();
        foreach (var tenant in tenants.Where(t => calendar.LocalNow(t).Hour == DailyChecksHour))
        {
            messages.Add(new DailyTenantChecks(tenant), new DeliveryOptions { TenantId = tenant });
        }

        return messages;
    }

    /// <summary>The tenants that have partners not lost: every tenant's partners (AnyTenant), by their mapped tenant.</summary>
    public static async Task<IReadOnlyList<string>> TenantsWithLivePartnersAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<Partner>().Where(p => p.AnyTenant() && p.Stage != Stage.Lost).Select(p => p.TenantId!).Distinct().ToListAsync(ct);

    /// <summary>
    /// One institution's daily checks: the persisted health of the partners whose next change date has come is
    /// re-scored (<see cref="HealthRescoring"/>; the others' answers cannot have changed by the calendar) and each
    /// re-scored partner's band is watched; and the MOU reminders and ends that fell due are caught.
    /// </summary>
    public static async Task<OutgoingMessages> Handle(DailyTenantChecks checks, IDocumentSession session, HealthRescoring rescoring,
        TimeProvider clock, InstitutionCalendar calendar, IOptions<MouSettings> mou, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        messages.AddRange(await Watch(session, await rescoring.RescoreDueAsync(session, ct), clock, ct));

        var today = calendar.Today(session.TenantId);
        var now = clock.GetUtcNow();
        for (var skip = 0; ; skip += PageSize)
        {
            var page = await session.Query<Partner>().Where(p => p.Stage != Stage.Lost).OrderBy(p => p.Id).Skip(skip).Take(PageSize).ToListAsync(ct);
            // MOU terms held for history being typed in wait (MouTermHold).
            var held = (await session.LoadManyAsync<MouTermHold>(ct, page.Select(p => p.Id))).Where(h => h.NotBefore > now).Select(h => h.Id).ToHashSet();
            messages.AddRange(page.Where(p => !held.Contains(p.Id)).SelectMany(p => MouTermSchedule.Due(p, today, mou.Value)));
            if (page.Count < PageSize)
            {
                return messages;
            }
        }
    }

    private static async Task<OutgoingMessages> Rescore(IDocumentSession session, HealthAssessor assessor, IReadOnlyList<Partner> partners, TimeProvider clock, CancellationToken ct) =>
        await Watch(session, await assessor.AssessAsync(session, partners, ct), clock, ct);

    private static async Task<OutgoingMessages> Watch(IDocumentSession session, IReadOnlyList<PartnerHealth> healths, TimeProvider clock, CancellationToken ct)
    {
        var watches = (await session.LoadManyAsync<HealthWatch>(ct, healths.Select(h => h.PartnerId))).ToDictionary(w => w.Id);
        var messages = new OutgoingMessages();
        foreach (var health in healths)
        {
            var before = watches.GetValueOrDefault(health.PartnerId);
            var (watch, atRisk) = Observe(before, health, session.TenantId, clock.GetUtcNow());
            if (watch != before)
            {
                session.Store(watch);
            }

            if (atRisk is not null)
            {
                messages.Add(atRisk);
            }
        }

        return messages;
    }
}
