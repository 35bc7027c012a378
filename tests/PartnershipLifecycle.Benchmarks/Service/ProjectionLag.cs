using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using PartnershipLifecycle.Benchmarks.Measuring;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Benchmarks.Service;

public sealed record LagResult(double AchievedPerSecond, double P50Ms, double P99Ms, double MaxMs, int Commands, int Failed)
{
    public string Describe() =>
        $"{AchievedPerSecond:N0} commands/s answered; lag p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms, max {MaxMs:0.0} ms ({Commands:N0} commands, {Failed} failed)";
}

/// <summary>
/// 4. Projection lag. The command mix is sent open-loop at a fixed rate (the i-th command leaves at t0 + i/rate,
/// whether or not earlier ones have answered). A command's effect is <em>visible</em> when both read models that
/// turnover alerts and engagement health are read from, <c>PartnerTurnover</c> and <c>CommitmentLedger</c>, have
/// processed its event: their rows in <c>mt_event_progression</c> have reached the event's sequence. The daemon
/// writes that row in the same transaction as the documents, so from then on <c>GET /api/alerts</c> and
/// <c>GET /api/partners/{id}/health</c> show the change (health's other inputs are the inline snapshot, visible
/// with the answer). A watcher on its own connection reads the two rows every 5 ms (one indexed read of a few rows,
/// no load on the service); the lag of a command is the time from its answer to the first reading that shows its
/// sequence, or zero if one before the answer already did. Readings are stamped when they return, so a lag is
/// over-stated by up to one period plus one query. The sequence of each command's event is looked up after the
/// run from its stream id and the version the answer named.
/// </summary>
public sealed class ProjectionLag(ServiceClient client, IReadOnlyList<PartnerSlot> slots, string connectionString)
{
    private static readonly string[] Watched = ["PartnerTurnover", "CommitmentLedger"];

    public async Task<LagResult> RunAsync(double rate, TimeSpan duration)
    {
        var before = await MaxSequenceAsync();
        using var stopWatching = new CancellationTokenSource();
        var readings = new List<(long At, long Position)>();
        var watcher = WatchAsync(readings, stopWatching.Token);

        var free = new ConcurrentQueue<PartnerSlot>(slots.OrderBy(_ => Random.Shared.Next()));
        var answers = new ConcurrentBag<(Guid Stream, long Version, long AnsweredAt)>();
        var failed = 0;
        var random = new Random(3000);
        var sent = new List<Task>();
        var interval = Stopwatch.Frequency / rate;
        var t0 = Stopwatch.GetTimestamp();
        var count = (int)(duration.TotalSeconds * rate);
        for (var i = 0; i < count; i++)
        {
            var due = t0 + (long)(i * interval);
            var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (wait >= 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            if (!free.TryDequeue(out var slot))
            {
                Interlocked.Increment(ref failed); // every partner is busy: the service is far behind
                continue;
            }

            var step = CommandMix.Next(slot, random, PartnerHistories.Today);
            sent.Add(Task.Run(async () =>
            {
                try
                {
                    var version = await client.SendAsync(slot, step, CancellationToken.None);
                    var answeredAt = Stopwatch.GetTimestamp();
                    if (version is { } v)
                    {
                        step.Accept();
                        slot.Version = v;
                        answers.Add((slot.Id, v, answeredAt));
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                finally
                {
                    free.Enqueue(slot);
                }
            }));
        }

        await Task.WhenAll(sent);
        var achieved = answers.Count / ((Stopwatch.GetTimestamp() - t0) / (double)Stopwatch.Frequency);
        var sequences = await SequencesAfterAsync(before);
        var last = sequences.Count == 0 ? before : sequences.Values.Max();
        var caughtUp = Stopwatch.StartNew();
        while (Volatile.Read(ref _position) < last && caughtUp.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(50);
        }

        await stopWatching.CancelAsync();
        await watcher;

        var lags = new Latencies();
        foreach (var (stream, version, answeredAt) in answers)
        {
            var sequence = sequences[(stream, version)];
            var first = readings.FindIndex(r => r.Position >= sequence);
            lags.Add(first < 0 ? long.MaxValue / 4 : Math.Max(0, readings[first].At - answeredAt));
        }

        return new LagResult(achieved, lags.PercentileMs(0.50), lags.PercentileMs(0.99), lags.PercentileMs(1), answers.Count, failed);
    }

    private long _position;

    private async Task WatchAsync(List<(long At, long Position)> readings, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            $"select name, last_seq_id from {PartnershipStore.SchemaName}.mt_event_progression where name like 'PartnerTurnover:%' or name like 'CommitmentLedger:%'",
            connection);
        await command.PrepareAsync(CancellationToken.None);
        while (!ct.IsCancellationRequested)
        {
            var positions = new Dictionary<string, long>();
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    positions[reader.GetString(0).Split(':')[0]] = reader.GetInt64(1);
                }
            }

            var position = Watched.Min(name => positions.GetValueOrDefault(name));
            readings.Add((Stopwatch.GetTimestamp(), position));
            Volatile.Write(ref _position, position);
            try
            {
                await Task.Delay(5, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<long> MaxSequenceAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {PartnershipStore.SchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<(Guid, long), long>> SequencesAfterAsync(long before)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select stream_id, version, seq_id from {PartnershipStore.SchemaName}.mt_events where seq_id > @before", connection);
        command.Parameters.AddWithValue("before", before);
        var sequences = new Dictionary<(Guid, long), long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sequences[(reader.GetGuid(0), reader.GetInt64(1))] = reader.GetInt64(2);
        }

        return sequences;
    }
}
