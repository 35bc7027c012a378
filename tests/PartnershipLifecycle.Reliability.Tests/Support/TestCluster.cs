using System.Diagnostics;
using Npgsql;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Reliability.Tests.Support;

/// <summary>
/// The PostgreSQL cluster the tests run on (<c>ConnectionStrings__Marten</c>, started by ./test.sh or
/// /work/tools/ftest.sh through build/postgres.sh), restarted the way an operator would: <c>pg_ctl restart</c>, as the
/// owner of its data folder, with the options it was started with (postmaster.opts).
/// </summary>
public static class TestCluster
{
    /// <summary>
    /// <c>pg_ctl restart -m <paramref name="mode"/></c>: <c>fast</c> ends every session (57P01) and stops cleanly,
    /// <c>immediate</c> kills the server processes and recovers from the write-ahead log at start. Returns once the
    /// cluster accepts connections again.
    /// </summary>
    public static async Task RestartAsync(string mode)
    {
        // This process's own pooled connections die with the restart too (the next test's first use would fail).
        NpgsqlConnection.ClearAllPools();
        var dataDirectory = await ScalarAsync("show data_directory");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-c",
                // setsid, as build/postgres.sh starts it: the server must not share the test run's session.
                """source "$0/build/postgres.sh" && pg_as_owner setsid "$(pg_bindir)/pg_ctl" -D "$1" -l "$1/server.log" -m "$2" -w -t 60 restart""",
                Node.Root, dataDirectory, mode,
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(deadline.Token);
        process.ExitCode.ShouldBe(0, $"pg_ctl restart -m {mode}: {await output}{await errors}");
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.BaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
