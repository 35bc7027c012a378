using System.Net.Sockets;
using Npgsql;

namespace PartnershipLifecycle.Platform.Hosting;

/// <summary>
/// Failures of the database that say nothing about the request: PostgreSQL restarting, a pooled connection
/// it closed, the network. Such work is retried (Wolverine's policy, the readiness check), and when the
/// database stays away the caller is answered 503 with <c>Retry-After</c>, never 500.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>What a caller is told to wait before trying again when the database stays away (seconds).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// True when <paramref name="exception"/> or one it wraps (Marten and Wolverine wrap Npgsql's) is transient:
    /// Npgsql's own <see cref="NpgsqlException.IsTransient"/>, or PostgreSQL shutting down or not yet accepting
    /// connections (SQLSTATE 57P01–57P03, class 08), which a restart answers to the connections it ends.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" } or PostgresException { SqlState: [ '0', '8', .. ] }:
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: IOException or SocketException or TimeoutException }:
                    return true;
            }

            if (e is AggregateException { InnerExceptions.Count: > 1 } aggregate)
            {
                return aggregate.InnerExceptions.Any(IsTransient);
            }
        }

        return false;
    }

    /// <summary>
    /// Runs <paramref name="work"/> once more when it fails transiently: a connection PostgreSQL closed while it
    /// sat in the pool fails its first use, and Npgsql discards it then, so the second try gets a live one.
    /// </summary>
    public static async Task<T> RetryOnceAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (IsTransient(e))
        {
            return await work();
        }
    }
}
