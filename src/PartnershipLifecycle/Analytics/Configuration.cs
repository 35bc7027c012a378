using JasperFx.Events.Projections;
using Marten;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Analytics;

/// <summary>Analytics: plain SQL tables for analysts, written by the async daemon and emptied before a rebuild.</summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts)
    {
        var analyticsTables = AnalyticsTables.All().ToArray();
        opts.Storage.ExtendedSchemaObjects.AddRange(analyticsTables);
        opts.Projections.Add(new AnalyticsProjection(), ProjectionLifecycle.Async, AnalyticsProjection.Name, asyncOptions =>
        {
            foreach (var table in analyticsTables)
            {
                asyncOptions.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
            }
        });
    }
}
