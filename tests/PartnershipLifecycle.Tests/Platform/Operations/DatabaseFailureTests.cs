using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PartnershipLifecycle.Api.Http;
using PartnershipLifecycle.Api.Operations;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Tests.Platform.Operations;

/// <summary>A database that restarts or goes away is not bad input: retried, then 503 with Retry-After, never 500.</summary>
public class DatabaseFailureTests
{
    private static string ConnectionString => Environment.GetEnvironmentVariable("ConnectionStrings__Marten")!;

    [Fact]
    public async Task Readiness_tolerates_a_pooled_connection_the_database_closed()
    {
        // A pool of its own, found in pg_stat_activity by its application name.
        var name = "ready-" + Guid.NewGuid().ToString("N")[..12];
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConfigurationKeys.MartenConnection] = $"{ConnectionString};Application Name={name}" })
            .Build();
        var check = new EventStoreReadyCheck(PartnershipLifecycle.Platform.Hosting.InstitutionDatabases.From(configuration));
        var ct = TestContext.Current.CancellationToken;
        // Healthy, or (when no test has applied the schema yet) "not applied yet": either way PostgreSQL answered.
        var before = await check.CheckHealthAsync(new HealthCheckContext(), ct);
        before.Exception.ShouldBeNull();

        // What a PostgreSQL restart does to the connection resting in the pool.
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var kill = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = @name", admin);
            kill.Parameters.AddWithValue("name", name);
            ((long)(await kill.ExecuteScalarAsync(ct))!).ShouldBe(1);
        }

        var after = await check.CheckHealthAsync(new HealthCheckContext(), ct);
        after.Exception.ShouldBeNull(after.Exception?.ToString());
        (after.Status, after.Description).ShouldBe((before.Status, before.Description));
    }

    [Fact]
    public void Npgsql_transient_failures_are_recognised_through_the_exceptions_that_wrap_them()
    {
        var transient = new NpgsqlException("Exception while reading from stream", new IOException("connection reset"));
        DatabaseFailures.IsTransient(transient).ShouldBeTrue();
        DatabaseFailures.IsTransient(new InvalidOperationException("wrapped", transient)).ShouldBeTrue();
        DatabaseFailures.IsTransient(new NpgsqlException("refused", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        DatabaseFailures.IsTransient(new InvalidOperationException("a bug")).ShouldBeFalse();
        DatabaseFailures.IsTransient(new NpgsqlException("syntax error")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_request_the_database_could_not_serve_answers_503_with_retry_after()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var handler = new DatabaseUnavailable(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<DatabaseUnavailable>.Instance);

        var handled = await handler.TryHandleAsync(http, new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), TestContext.Current.CancellationToken);

        handled.ShouldBeTrue();
        http.Response.StatusCode.ShouldBe(503);
        http.Response.Headers.RetryAfter.ToString().ShouldBe(DatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await handler.TryHandleAsync(new DefaultHttpContext { RequestServices = services }, new InvalidOperationException("a bug"), TestContext.Current.CancellationToken)).ShouldBeFalse();
    }
}
