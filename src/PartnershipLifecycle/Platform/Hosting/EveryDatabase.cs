using JasperFx.Descriptors;
using Marten.Services;
using Marten;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>
/// Reads that cross institutions (start-up upkeep, the hourly fan-out of the daily checks): a query over every tenant
/// (<c>AnyTenant()</c>) sees one database, so with several (<see cref="InstitutionDatabases"/>) it runs in each. With
/// one database it is the query it always was, on a session of no tenant.
/// </summary>
public static class EveryDatabase
{
    /// <summary>Runs <paramref name="query"/> on a read-only session of each database (the main one first) and answers every result.</summary>
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(IDocumentStore store, Func<IQuerySession, Task<IReadOnlyList<T>>> query)
    {
        if (store.Options.Tenancy.Cardinality == DatabaseCardinality.Single)
        {
            await using var session = store.QuerySession();
            return await query(session);
        }

        var all = new List<T>();
        foreach (var database in await store.Storage.AllDatabases())
        {
            await using var session = store.QuerySession(SessionOptions.ForDatabase(database));
            all.AddRange(await query(session));
        }

        return all;
    }
}
