using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using PartnershipLifecycle.Benchmarks.Measuring;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Benchmarks.Service;

public sealed record LagResult(double Rate, double AchievedPerSecond, double P50Ms, double P99Ms, double MaxMs, int Commands, int Failed, int Overlapped = 0, int Hot = 0)
{
    /// <summary>The lag target of issue 13: p99 under 500 ms, every command answered, at (nearly) the rate sent.</summary>
    public bool Held => P99Ms < ProjectionLag.LagTargetMs && Failed == 0 && AchievedPerSecond >= 0.95 * Rate;

    public string Describe() =>
        $"{Rate:N0}/s sent, {AchievedPerSecond:N0} commands/s answered; lag p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms, max {MaxMs:0.0} ms ({Commands:N0} commands, {Failed} failed" +
        (Hot > 0 ? $"; {Hot} to the contended partners, {Overlapped} of them sent while another to the same partner was in flight)" : ")");
}

/// <summary>
/// Contention in the lag run: <paramref name="Share"/> of the commands go to <paramref name="Partners"/> partners, each
/// sent at its time whether or not earlier ones to the same partner have answered (up to <paramref name="ClientsEach"/>
/// at once), so several clients write to one partner at once, as in issue 13 (6 clients on one partner). They are
/// communications, valid in any order.
/// </summary>
public sealed record Contention(int Partners, int ClientsEach, double Share)
{
    public string Describe() => $"{Share:P0} of the commands on {Partners} partners, up to {ClientsEach} at once on each";
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

    public const double LagTargetMs = 500;

    /// <summary>
    /// The sustainable rate: open-loop runs of <paramref name="step"/> each, from <paramref name="from"/> commands/s up by
    /// <paramref name="factor"/>, until one does not hold (<see cref="LagResult.Held"/>); answers every step and the
    /// highest rate that held (0 when none did). <paramref name="caughtUp"/> runs before each step, so a step starts
    /// with the read models caught up.
    /// </summary>
    public async Task<(double Sustainable, IReadOnlyList<LagResult> Steps)> SustainableRateAsync(double from, double factor, TimeSpan step,
        Func<Task> caughtUp, Action<LagResult> report)
    {
        var steps = new List<LagResult>();
        var sustainable = 0.0;
        for (var rate = from; rate < 20_000; rate *= factor)
        {
            await caughtUp();
            var result = await RunAsync(Math.Round(rate), step);
            report(result);
            steps.Add(result);
            if (!result.Held)
            {
                break;
            }

            sustainable = Math.Round(rate);
        }

        return (sustainable, steps);
    }

    public async Task<LagResult> RunAsync(double rate, TimeSpan duration, Contention? contention = null)
    {
        var before = await MaxSequenceAsync();
        using var stopWatching = new CancellationTokenSource();
        var readings = new List<(long At, long Position)>();
        var watcher = WatchAsync(readings, stopWatching.Token);

        var shuffled = slots.OrderBy(_ => Random.Shared.Next()).ToList();
        var hot = contention is null ? [] : shuffled.Take(contention.Partners).ToArray();
        var inFlight = new int[hot.Length];
        var overlapped = 0;
        var hotSent = 0;
        var free = new ConcurrentQueue<PartnerSlot>(shuffled.Skip(hot.Length));
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

            if (contention is not null && random.NextDouble() < contention.Share)
            {
                var h = random.Next(hot.Length);
                if (Interlocked.Increment(ref inFlight[h]) > contention.ClientsEach)
                {
                    Interlocked.Decrement(ref inFlight[h]);
                    Interlocked.Increment(ref failed); // as many clients as allowed are writing to it
                    continue;
                }

                hotSent++;
                if (Volatile.Read(ref inFlight[h]) > 1)
                {
                    overlapped++;
                }

                var partner = hot[h];
                var communication = CommandMix.Communication(partner, random, PartnerHistories.Today);
                sent.Add(Task.Run(async () =>
                {
                    try
                    {
                        if (await client.SendAsync(partner, communication, CancellationToken.None) is { } v)
                        {
                            answers.Add((partner.Id, v, Stopwatch.GetTimestamp()));
                        }
                        else
                        {
                            Interlocked.Increment(ref failed);
                        }
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight[h]);
                    }
                }));
                continue;
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

        return new LagResult(rate, achieved, lags.PercentileMs(0.50), lags.PercentileMs(0.99), lags.PercentileMs(1), answers.Count, failed, overlapped, hotSent);
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
