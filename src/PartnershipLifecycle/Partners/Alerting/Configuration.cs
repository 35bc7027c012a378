using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Partners.Alerting;

/// <summary>Turnover alerts: the asynchronous <see cref="PartnerTurnover"/> documents, and <c>Alerts:</c> settings.</summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts)
    {
        // Kept by the async daemon: a command's answer does not wait on it.
        opts.Projections.Add<TurnoverAlertsProjection>(ProjectionLifecycle.Async);
        // FindTurnoverAlert (acknowledging, escalating) finds the document holding an alert by its id: Marten turns
        // Alerts.Any(a => a.Id == id) into containment on data -> 'alerts', which this index answers with one document
        // (an alert's id is unique). Not per tenant, so the lists, whose matches are many, use the btree indexes below.
        opts.Schema.For<PartnerTurnover>().GinIndexJsonDataMember(p => p.Alerts);
        // The unfiltered list, newest first: the documents whose newest alert is recent enough, read backwards on this
        // index, and its total summed from the index alone (alert_count is included). Plain columns filled by Marten
        // from the JSON when it adds them (null for documents stored before: the list reads those the old way).
        opts.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(PartnerTurnover))
            {
                return;
            }

            mapping.DuplicateField(nameof(PartnerTurnover.AlertCount));
            mapping.DuplicateField(nameof(PartnerTurnover.LatestAlertRaisedAt));
            mapping.Indexes.Add(new IndexDefinition(NewestAlertIndex)
            {
                Columns = ["tenant_id", "latest_alert_raised_at"],
                IncludeColumns = ["alert_count"],
            });
            // The lists filtered by status (Today's open alerts): the institution's documents holding an alert of the
            // status, a range of one of these indexes (resolved: the rest of alert_count, on the index above), so the
            // cost follows the institution's alerts, not the store's. No partial predicate (see Partners/Configuration).
            mapping.DuplicateField(nameof(PartnerTurnover.OpenAlertCount));
            mapping.DuplicateField(nameof(PartnerTurnover.AcknowledgedAlertCount));
            mapping.Indexes.Add(new IndexDefinition(OpenAlertIndex) { Columns = ["tenant_id", "open_alert_count"] });
            mapping.Indexes.Add(new IndexDefinition(AcknowledgedAlertIndex) { Columns = ["tenant_id", "acknowledged_alert_count"] });
        });
    }

    /// <summary>The list of open alerts' index: <c>(tenant_id, open_alert_count)</c>.</summary>
    public const string OpenAlertIndex = "mt_doc_partnerturnover_idx_open_alerts";

    /// <summary>The list of acknowledged alerts' index: <c>(tenant_id, acknowledged_alert_count)</c>.</summary>
    public const string AcknowledgedAlertIndex = "mt_doc_partnerturnover_idx_acknowledged_alerts";

    /// <summary><c>GET /api/alerts</c>' index: <c>(tenant_id, latest_alert_raised_at) include (alert_count)</c>.</summary>
    public const string NewestAlertIndex = "mt_doc_partnerturnover_idx_newest_alert";

    public void ConfigureServices(IServiceCollection services) =>
        services.AddOptions<AlertSettings>().BindConfiguration(AlertSettings.Section)
            .Validate(s => s.EscalateAfter > TimeSpan.Zero, "Alerts:EscalateAfter must be positive.").ValidateOnStart();
}
