using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Api.Operations;

public static class HealthSetup
{
    public const string Ready = "ready";

    public static IServiceCollection AddPartnershipHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<EventStoreReadyCheck>("event-store", tags: [Ready]);
        return services;
    }
}

/// <summary>Ready when PostgreSQL answers and the event store's schema is in place.</summary>
public sealed class EventStoreReadyCheck(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Marten"));
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select to_regclass(@table) is not null", connection);
            command.Parameters.AddWithValue("table", $"{PartnershipStore.SchemaName}.mt_events");
            var schemaApplied = (bool)(await command.ExecuteScalarAsync(ct))!;
            return schemaApplied
                ? HealthCheckResult.Healthy("PostgreSQL reachable, event store schema applied.")
                : HealthCheckResult.Unhealthy("The event store schema is not applied yet.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable.", e);
        }
    }
}
