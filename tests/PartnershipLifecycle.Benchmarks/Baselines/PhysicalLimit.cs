using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PartnershipLifecycle.Benchmarks.Measuring;
using PartnershipLifecycle.Benchmarks.Workload;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Benchmarks.Baselines;

/// <summary>
/// 1. The physical limit: raw Npgsql, one transaction per operation inserting one event-sized JSON row (the
/// JSON of an event of the command mix, ~150–250 bytes, as Marten would store it) into a table shaped like
/// <c>mt_events</c> (bigserial key, ids, tenant, type, jsonb, timestamp), with prepared statements. Nothing is
/// read; no other index, trigger or notification. What PostgreSQL, the disk's flush and one round trip per
/// statement allow on this machine.
/// </summary>
public sealed class PhysicalLimit(string connectionString) : IAsyncDisposable
{
    private const string Insert =
        "insert into bench_physical.events (id, stream_id, version, tenant_id, type, data) values ($1, $2, $3, $4, $5, $6)";

    private readonly NpgsqlDataSource _dataSource = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 10, AutoPrepareMinUsages = 2, MaxPoolSize = 100 }.ConnectionString).Build();

    private (string Type, string Json)[] _rows = [];

    public async Task PrepareAsync()
    {
        await using var command = _dataSource.CreateCommand(
            "create schema if not exists bench_physical; drop table if exists bench_physical.events; " +
            "create table bench_physical.events (seq_id bigserial primary key, id uuid not null, stream_id uuid not null, version bigint not null, " +
            "tenant_id varchar not null, type varchar not null, data jsonb not null, timestamp timestamptz not null default now())");
        await command.ExecuteNonQueryAsync();

        // The events of the command mix, serialized as Marten serializes them.
        var random = new Random(1);
        var slot = new PartnerSlot(Guid.NewGuid(), "bench", "Physical");
        PartnerHistories.Recruit(slot, random, PartnerHistories.Today.AddDays(-30));
        _rows = Enumerable.Range(0, 64).Select(_ =>
        {
            var step = CommandMix.Next(slot, random, PartnerHistories.Today);
            step.Accept();
            return (step.Kind, JsonSerializer.Serialize(step.Event, step.Event.GetType(), PartnershipJson.Options));
        }).ToArray();
    }

    public int AverageRowBytes => _rows.Length == 0 ? 0 : (int)_rows.Average(r => r.Json.Length);

    public Task<LoadResult> RunAsync(int concurrency, TimeSpan warmup, TimeSpan window)
    {
        var counters = new long[concurrency];
        var streams = Enumerable.Range(0, concurrency).Select(_ => Guid.NewGuid()).ToArray();
        return LoadRunner.ClosedLoop(concurrency, warmup, window, async (worker, ct) =>
        {
            var n = ++counters[worker];
            var (type, json) = _rows[n % _rows.Length];
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = new NpgsqlCommand(Insert, connection, transaction)
            {
                Parameters =
                {
                    new() { Value = Guid.CreateVersion7() },
                    new() { Value = streams[worker] },
                    new() { Value = n },
                    new() { Value = "bench" },
                    new() { Value = type },
                    new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb },
                },
            };
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        });
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
