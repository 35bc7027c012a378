using Npgsql;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Tests.EventSchema;

/// <summary>A stream's rows in <c>mt_events</c> as they lie in PostgreSQL: what auditors and SQL see.</summary>
public static class EventRows
{
    public static async Task<IReadOnlyList<(string Type, string Data)>> Of(string tenant, Guid streamId)
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(
            $"select type, data::text from {PartnershipStore.SchemaName}.mt_events where stream_id = $1 and tenant_id = $2 order by version",
            connection)
        {
            Parameters = { new() { Value = streamId }, new() { Value = tenant } },
        };
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>Rewrites the stored type name and JSON of one event, as an older version of the service stored it.</summary>
    public static async Task Rewrite(string tenant, Guid streamId, long version, string type, string data)
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(
            $"update {PartnershipStore.SchemaName}.mt_events set type = $4, data = $5::jsonb where stream_id = $1 and tenant_id = $2 and version = $3",
            connection)
        {
            Parameters = { new() { Value = streamId }, new() { Value = tenant }, new() { Value = version }, new() { Value = type }, new() { Value = data } },
        };
        (await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
    }

    private static async Task<NpgsqlConnection> Open()
    {
        var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Marten"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
