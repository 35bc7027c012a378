using Npgsql;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Reliability.Tests.Support;

/// <summary>What the database holds, read directly (the truth a test compares the service's answers with).</summary>
public static class Stored
{
    /// <summary>Every communication summary stored per (partner, version) of <paramref name="tenant"/>.</summary>
    public static async Task<Dictionary<(Guid Partner, long Version), string?>> CommunicationsAsync(string database, string tenant)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select stream_id, version, data ->> 'summary' from {PartnershipStore.SchemaName}.mt_events where tenant_id = @tenant", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        var events = new Dictionary<(Guid, long), string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events[(reader.GetGuid(0), reader.GetInt64(1))] = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        return events;
    }

    /// <summary>Every acknowledged command whose event is not where its answer said (partner, version, summary).</summary>
    public static async Task<IReadOnlyList<Answer>> LostAsync(string database, string tenant, IEnumerable<Answer> answers)
    {
        var stored = await CommunicationsAsync(database, tenant);
        return [.. answers.Where(a => a.Acknowledged && (!stored.TryGetValue((a.Partner, a.Version!.Value), out var summary) || summary != a.Summary))];
    }

    public static async Task<List<T>> QueryAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
