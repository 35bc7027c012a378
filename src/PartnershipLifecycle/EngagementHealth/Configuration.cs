using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.EngagementHealth;

/// <summary>
/// Engagement health: the asynchronous commitments ledger, the persisted health documents (their projection and
/// indexes), <c>Health:</c> settings, the assessor and the daily re-scoring.
/// </summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts, IServiceProvider? services)
    {
        opts.Projections.Add<CommitmentLedgerProjection>(ProjectionLifecycle.Async);

        // The settings and the institutions' calendar of the host; a store built without one (benchmarks, tools) uses the defaults.
        var settings = services?.GetRequiredService<IOptions<HealthSettings>>().Value ?? new HealthSettings();
        var calendar = services?.GetRequiredService<InstitutionCalendar>()
                       ?? new InstitutionCalendar(TimeProvider.System, new ConfigurationBuilder().Build());
        opts.Projections.Add(new PartnerHealthProjection(settings, calendar), ProjectionLifecycle.Async);

        // /api/health's filters and order (band, score, name as lists sort it), ?band= of the partner list (band), and
        // the daily re-scoring (next change date), each within the tenant. Band, score and name are read from the
        // JSON (computed indexes), so that the daily re-scoring's patches keep them current (a duplicated enum column
        // would not: Marten writes it as the enum's name but patches it from the JSON's wire word). The computed indexes
        // lead with tenant_id (StartIndexesByTenantId), so that a tenant's page is a range of the index whatever the
        // other tenants hold (Marten's per-tenant scope puts tenant_id last).
        opts.Schema.For<PartnerHealthRecord>()
            .StartIndexesByTenantId()
            .Index([r => r.Band!, r => r.Score, r => r.SortName, r => r.Name], i =>
            {
                i.Name = "mt_doc_partnerhealthrecord_idx_band_score_name";
            })
            .Index([r => r.Score, r => r.SortName, r => r.Name], i =>
            {
                i.Name = "mt_doc_partnerhealthrecord_idx_score_name";
            })
            .Duplicate(r => r.NextChangeOn!);
    }

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddOptions<HealthSettings>()
            .BindConfiguration(HealthSettings.Section)
            .Validate(s => !s.Problems().Any(), "Health settings are inconsistent: see HealthSettings.Problems().")
            .ValidateOnStart();
        services.AddSingleton<HealthAssessor>();
        services.AddSingleton<HealthRescoring>();
        // The partner list's ?band= filter asks health through the list's own interface.
        services.AddSingleton<IPartnerHealthBands>(provider => provider.GetRequiredService<HealthAssessor>());
    }
}
