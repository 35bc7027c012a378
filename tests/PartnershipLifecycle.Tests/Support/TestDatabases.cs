using Npgsql;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>Databases of their own, in the cluster ./test.sh started, for hosts that must not share one.</summary>
public static class TestDatabases
{
    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Marten")
        ?? throw new InvalidOperationException("ConnectionStrings__Marten is not set: run the tests with ./test.sh, which starts a PostgreSQL cluster for them.");

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public static async Task<string> CreateAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        name = name[..Math.Min(name.Length, 40)];
        var builder = new NpgsqlConnectionStringBuilder(BaseConnectionString);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        NpgsqlConnection.ClearAllPools();
        builder.Database = new NpgsqlConnectionStringBuilder(BaseConnectionString).Database;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
