using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Npgsql;
using PartnershipLifecycle.Platform.Security;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>One PostgreSQL database besides the main one and the institutions (tenants) it holds.</summary>
/// <param name="Name">The database's name in configuration (<c>Tenancy:Databases:{Name}</c>) and in Marten, its metrics and
/// <c>/health/ready</c>: 1 to 63 lower-case letters, digits, '_' or '-'.</param>
/// <param name="ConnectionString">Its PostgreSQL connection string.</param>
/// <param name="Tenants">The tenant ids (institutions) whose events, documents and messages live there, and only there.</param>
public sealed record InstitutionDatabase(string Name, string ConnectionString, IReadOnlyList<string> Tenants);

/// <summary>
/// Where each institution's data lives. By default every institution is in one database,
/// <c>ConnectionStrings:Marten</c> (conjoined tenancy: a <c>tenant_id</c> column). Configuration may place institutions on
/// other PostgreSQL databases (on this server or another) with Marten's multi-tenancy by database
/// (<see cref="InstitutionTenancy"/>): <c>Tenancy:Databases:{name}:ConnectionString</c> and
/// <c>Tenancy:Databases:{name}:Tenants</c> (a list of tenant ids). An institution listed nowhere stays in the main
/// database, which also holds what belongs to no institution (Wolverine's node and agent tables, Data Protection keys).
/// How an operator adds a database and moves an institution: docs/operations.md.
/// </summary>
public sealed partial class InstitutionDatabases
{
    /// <summary>The configuration section of the other databases.</summary>
    public const string Section = "Tenancy:Databases";

    /// <summary>Marten's name of the main database when there are several (a single database keeps Marten's own name).</summary>
    public const string MainName = "main";

    private readonly Dictionary<string, InstitutionDatabase> _byTenant;

    private InstitutionDatabases(string main, IReadOnlyList<InstitutionDatabase> others)
    {
        Main = main;
        Others = others;
        _byTenant = others.SelectMany(d => d.Tenants.Select(t => (t, d))).ToDictionary(x => x.t, x => x.d, StringComparer.Ordinal);
    }

    /// <summary>The main database's connection string (<c>ConnectionStrings:Marten</c>).</summary>
    public string Main { get; }

    /// <summary>The other databases, in the order of their names; none by default.</summary>
    public IReadOnlyList<InstitutionDatabase> Others { get; }

    /// <summary>True when every institution is in the main database: the service is configured exactly as with no tenancy settings.</summary>
    public bool IsSingle => Others.Count == 0;

    /// <summary>Every database's connection string, the main one first.</summary>
    public IReadOnlyList<string> ConnectionStrings => [Main, .. Others.Select(d => d.ConnectionString)];

    /// <summary>The name of the database <paramref name="tenantId"/> lives in: one of <see cref="Others"/>, else <see cref="MainName"/>.</summary>
    public string DatabaseOf(string tenantId) => _byTenant.TryGetValue(tenantId, out var database) ? database.Name : MainName;

    /// <summary>Everything in one database (the default).</summary>
    public static InstitutionDatabases Single(string connectionString) => new(connectionString, []);

    /// <summary>
    /// Reads <c>ConnectionStrings:Marten</c> and <c>Tenancy:Databases</c>. Throws <see cref="InvalidOperationException"/>
    /// naming every problem when the main connection string is missing or not one Npgsql can read (a bad keyword or
    /// value), or the other databases are not well formed
    /// (see <see cref="Problems"/>): the service does not start on a placement it cannot honour.
    /// </summary>
    public static InstitutionDatabases From(IConfiguration configuration)
    {
        var main = configuration.GetConnectionString("Marten");
        if (string.IsNullOrWhiteSpace(main))
        {
            throw new InvalidOperationException("Set ConnectionStrings:Marten (env: ConnectionStrings__Marten) to a PostgreSQL connection string.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(main);
        }
        catch (ArgumentException e)
        {
            // Npgsql's own words name the keyword or position ("Couldn't set port"); the value is not repeated (it may hold a password).
            throw new InvalidOperationException(
                $"ConnectionStrings:Marten (env: ConnectionStrings__Marten) is not a PostgreSQL connection string Npgsql can read: {e.Message}", e);
        }

        var others = configuration.GetSection(Section).GetChildren()
            .Select(d => new InstitutionDatabase(d.Key, d["ConnectionString"] ?? "",
                d.GetSection("Tenants").GetChildren().Select(t => t.Value ?? "").ToArray()))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToArray();
        var problems = Problems(main, others).ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidOperationException($"{Section} is not usable: {string.Join(" ", problems)}");
        }

        return new InstitutionDatabases(WithStatementPreparation(main),
            [.. others.Select(d => d with { ConnectionString = WithStatementPreparation(d.ConnectionString) })]);
    }

    /// <summary>Npgsql's <c>Max Auto Prepare</c> when the connection string does not set it: statements prepared per connection.</summary>
    public const int AutoPreparedStatements = 50;

    /// <summary>
    /// <paramref name="connectionString"/> with Npgsql's automatic statement preparation on (<see cref="AutoPreparedStatements"/>
    /// per physical connection, a statement prepared at its second use), unless it sets <c>Max Auto Prepare</c> itself
    /// (<c>Max Auto Prepare=0</c> turns it off, e.g. behind a PgBouncer older than 1.21 in transaction mode). Why: Marten and
    /// Wolverine send the same few dozen statements over and over (the append, the snapshot's upsert, the daemon's
    /// pages, the inbox and outbox); prepared, PostgreSQL parses and plans each once per connection instead of at every
    /// use. ./bench.sh measured PostgreSQL's CPU per command fall from 5.7 to 3.9 ms and the sustainable rate rise from
    /// 143 to 183 commands/s (tests/PartnershipLifecycle.Benchmarks/RESULTS.md). Neither Marten nor Wolverine prepares
    /// statements itself.
    /// </summary>
    public static string WithStatementPreparation(string connectionString)
    {
        try
        {
            if (Sets(connectionString, "maxautoprepare"))
            {
                return connectionString;
            }

            var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements };
            if (!Sets(connectionString, "autoprepareminusages"))
            {
                builder.AutoPrepareMinUsages = 2;
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Not a connection string Npgsql reads: left as it is, for Npgsql to name what is wrong when it connects.
            return connectionString;
        }

        static bool Sets(string connectionString, string keyword) =>
            new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
                .Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), keyword, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// What is wrong with a placement: a name that is not 1 to 63 lower-case letters, digits, '_' or '-' (or is
    /// <see cref="MainName"/>), a missing or unreadable connection string, one that names the main database or another
    /// listed one (two Marten databases on one PostgreSQL database would run its projections twice), no tenants, a
    /// tenant id the tokens could not carry (<see cref="CallerClaims.TenantIdPattern"/>), a tenant in two databases.
    /// </summary>
    public static IEnumerable<string> Problems(string main, IReadOnlyList<InstitutionDatabase> others)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal) { [Identity(main) ?? ""] = "ConnectionStrings:Marten" };
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in others)
        {
            var at = $"{Section}:{database.Name}";
            if (!NamePattern().IsMatch(database.Name) || database.Name == MainName)
            {
                yield return $"'{database.Name}' is not a database name (1 to 63 lower-case letters, digits, '_' or '-'; '{MainName}' is the main database).";
            }

            if (Identity(database.ConnectionString) is not { } identity)
            {
                yield return $"{at}:ConnectionString is missing or is not a PostgreSQL connection string.";
            }
            else if (seen.TryGetValue(identity, out var other))
            {
                yield return $"{at}:ConnectionString names the same database as {other}; each database may be listed once.";
            }
            else
            {
                seen[identity] = at;
            }

            if (database.Tenants.Count == 0)
            {
                yield return $"{at}:Tenants lists no tenant id.";
            }

            foreach (var tenant in database.Tenants)
            {
                if (!CallerClaims.TenantIdPattern.IsMatch(tenant))
                {
                    yield return $"{at}:Tenants has '{tenant}', which is not a tenant id (1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit).";
                }
                else if (!placed.TryAdd(tenant, database.Name) && placed[tenant] != database.Name)
                {
                    yield return $"Tenant '{tenant}' is listed in {Section}:{placed[tenant]} and {at}; an institution lives in one database.";
                }
            }
        }
    }

    /// <summary>Host, port and database: what makes two connection strings the same database.</summary>
    private static string? Identity(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? null : $"{builder.Host.ToLowerInvariant()}:{builder.Port}/{builder.Database ?? builder.Username}";
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
