using System.Collections.Concurrent;
using JasperFx;
using JasperFx.Descriptors;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Schema;
using Marten.Storage;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Connections;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>
/// Marten's static multi-tenancy by database (<see cref="StaticMultiTenancy"/>, what <c>MultiTenantedDatabases</c> builds),
/// with one addition: an institution listed in no database lives in the main one, as every institution does with a
/// single database, so a new institution needs no configuration until it is moved. Within each database the tenants
/// are conjoined (a <c>tenant_id</c> column), as with one database. Everything else is Marten's: one async daemon per
/// database, schema migrations of every database, and Wolverine's message stores and durability agents per database
/// (Wolverine asks this tenancy for the database of each tenant and for all of them).
/// </summary>
public sealed class InstitutionTenancy : ITenancy, IAsyncDisposable
{
    private readonly Lazy<StaticMultiTenancy> _inner;
    private readonly InstitutionDatabases _databases;
    private readonly ConcurrentDictionary<string, Tenant> _unlisted = new(StringComparer.Ordinal);

    /// <param name="options">The store's options; Marten's databases are built from them on first use (when the store is built, after every configuration has run).</param>
    public InstitutionTenancy(StoreOptions options, InstitutionDatabases databases)
    {
        _databases = databases;
        _inner = new Lazy<StaticMultiTenancy>(() =>
        {
            var tenancy = new StaticMultiTenancy(new DefaultNpgsqlDataSourceFactory(), options);
            // The main database first, as the default: sessions of no tenant (Data Protection keys, start-up
            // jobs that read every tenant of a database) open there.
            tenancy.AddMultipleTenantDatabase(databases.Main, InstitutionDatabases.MainName).ForTenants().AsDefault();
            foreach (var database in databases.Others)
            {
                tenancy.AddMultipleTenantDatabase(database.ConnectionString, database.Name).ForTenants([.. database.Tenants]);
            }

            return tenancy;
        });
    }

    private StaticMultiTenancy Inner => _inner.Value;

    private IMartenDatabase MainDatabase => Inner.Default.Database;

    private bool IsListed(string tenantId) => _databases.DatabaseOf(tenantId) != InstitutionDatabases.MainName;

    public Tenant Default => Inner.Default;

    public IDocumentCleaner Cleaner => Inner.Cleaner;

    public DatabaseCardinality Cardinality => Inner.Cardinality;

    public Tenant GetTenant(string tenantId)
    {
        if (IsListed(tenantId))
        {
            return Inner.GetTenant(tenantId);
        }

        return tenantId == StorageConstants.DefaultTenantId
            ? Inner.Default
            : _unlisted.GetOrAdd(tenantId, id => new Tenant(id, MainDatabase));
    }

    public ValueTask<Tenant> GetTenantAsync(string tenantId) => ValueTask.FromResult(GetTenant(tenantId));

    public ValueTask<IMartenDatabase> FindOrCreateDatabase(string tenantIdOrDatabaseIdentifier) =>
        tenantIdOrDatabaseIdentifier == InstitutionDatabases.MainName || _databases.Others.Any(d => d.Name == tenantIdOrDatabaseIdentifier) || IsListed(tenantIdOrDatabaseIdentifier)
            ? Inner.FindOrCreateDatabase(tenantIdOrDatabaseIdentifier)
            : ValueTask.FromResult(MainDatabase);

    public ValueTask<IMartenDatabase> FindDatabase(DatabaseId id) => ((ITenancy)Inner).FindDatabase(id);

    public bool IsTenantStoredInCurrentDatabase(IMartenDatabase database, string tenantId) =>
        ReferenceEquals(database, GetTenant(tenantId).Database);

    public ValueTask<IReadOnlyList<IDatabase>> BuildDatabases() => Inner.BuildDatabases();

    public ValueTask<DatabaseUsage> DescribeDatabasesAsync(CancellationToken token) => Inner.DescribeDatabasesAsync(token);

    // Marten's static tenancy disposes the databases of its tenants; the main one has none listed, so it is disposed here.
    public void Dispose()
    {
        if (_inner.IsValueCreated)
        {
            Inner.Dispose();
            MainDatabase.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_inner.IsValueCreated)
        {
            await Inner.DisposeAsync();
            if (MainDatabase is IAsyncDisposable main)
            {
                await main.DisposeAsync();
            }
            else
            {
                MainDatabase.Dispose();
            }
        }
    }
}
