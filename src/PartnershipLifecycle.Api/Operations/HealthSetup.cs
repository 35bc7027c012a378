using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Telemetry;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers (no check runs). <c>/health/ready</c>: PostgreSQL answers, the
/// event store's schema is applied, and asynchronous projections are running. Both need no token and
/// answer JSON: 200 when healthy, 503 when not.
/// </summary>
public static class HealthSetup
{
    public const string Ready = "ready";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IServiceCollection AddPartnershipHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<EventStoreReadyCheck>("event-store", tags: [Ready])
            .AddCheck<ProjectionsRunningCheck>("projections", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapPartnershipHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJson })
            .AllowAnonymous();
        return app;
    }

    /// <summary><c>{status, checks: {name: {status, description, data}}}</c>, statuses in lower case.</summary>
    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = Name(report.Status),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = Name(e.Value.Status), description = e.Value.Description, data = e.Value.Data.Count == 0 ? null : e.Value.Data }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, PartnershipJson.Options), http.RequestAborted);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>
/// Ready when PostgreSQL answers (a transient failure is tried once more) and the event store's schema is in place, in
/// every database institutions are placed on (<see cref="InstitutionDatabases"/>; one by default).
/// </summary>
public sealed class EventStoreReadyCheck(InstitutionDatabases databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var names = new[] { InstitutionDatabases.MainName }.Concat(databases.Others.Select(d => d.Name)).ToArray();
        var connectionStrings = databases.ConnectionStrings;
        for (var i = 0; i < connectionStrings.Count; i++)
        {
            var where = databases.IsSingle ? "" : $" (database '{names[i]}')";
            try
            {
                // One dead pooled connection (after a PostgreSQL restart) is not a database that is away.
                var connectionString = connectionStrings[i];
                var schemaApplied = await DatabaseFailures.RetryOnceAsync(async () =>
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(ct);
                    await using var command = new NpgsqlCommand("select to_regclass(@table) is not null", connection);
                    command.Parameters.AddWithValue("table", $"{PartnershipStore.SchemaName}.mt_events");
                    return (bool)(await command.ExecuteScalarAsync(ct))!;
                });
                if (!schemaApplied)
                {
                    return HealthCheckResult.Unhealthy($"The event store schema is not applied yet{where}.");
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy($"PostgreSQL is not reachable{where}.", e);
            }
        }

        return HealthCheckResult.Healthy(databases.IsSingle
            ? "PostgreSQL reachable, event store schema applied."
            : $"PostgreSQL reachable, event store schema applied, in each of {connectionStrings.Count} databases.");
    }
}

/// <summary>
/// Ready when every asynchronous projection and subscription Marten knows of is running, as seen in the
/// database (<see cref="ProjectionMonitor"/>): none has stalled behind the high-water mark, and the
/// high-water mark has not stalled behind the events. Also ready when there are no asynchronous projections.
/// </summary>
public sealed class ProjectionsRunningCheck(ProjectionMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        ProjectionProgressReport report;
        try
        {
            report = await DatabaseFailures.RetryOnceAsync(() => monitor.ObserveAsync(ct));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Could not read the progress of the asynchronous projections.", e);
        }

        if (!report.HasAsyncProjections)
        {
            return HealthCheckResult.Healthy("No asynchronous projections or subscriptions are configured.");
        }

        var lags = report.Shards.ToDictionary(s => $"{s.Name} ({s.Database})", s => (object)s.Lag);
        var stalled = report.Stalled;
        if (stalled.Count > 0)
        {
            return HealthCheckResult.Unhealthy(
                "Stalled: " + string.Join("; ", stalled.Select(s =>
                    $"{s.Name} ({s.Database}) at {s.Position} of {s.Target} for {s.StillFor.TotalSeconds:0} s")),
                data: lags);
        }

        return HealthCheckResult.Healthy(
            $"{report.Shards.Count} asynchronous shard(s) running; the furthest behind is {report.Shards.Max(s => s.Lag)} event(s).", lags);
    }
}
