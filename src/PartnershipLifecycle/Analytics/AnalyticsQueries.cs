using System.Data.Common;
using Marten;
using MediatR;
using Npgsql;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Analytics;

public sealed record GetFunnel(string TenantId, DateOnly? From = null, DateOnly? To = null) : IRequest<Funnel>, ITenantQuery;

public sealed record GetChannelReport(string TenantId) : IRequest<ChannelReport>, ITenantQuery;

public sealed record GetLossReport(string TenantId) : IRequest<LossReport>, ITenantQuery;

/// <summary>One page of the partners with an MOU running today, by name (then id), with their commitments and deliveries.</summary>
public sealed record GetCommitmentReport(string TenantId, PageRequest Paging = default) : IRequest<CommitmentPage>, ITenantQuery;

/// <summary>
/// Every partner of <see cref="GetCommitmentReport"/>, in the same order, handed to <see cref="WriteBatch"/> a batch at a
/// time as they are read (at most <see cref="BatchSize"/> partners held at once): the CSV export.
/// Answers the business date the figures are as of.
/// </summary>
public sealed record ExportCommitments(string TenantId, Func<IReadOnlyList<CommitmentDelivery>, CancellationToken, Task> WriteBatch,
    int BatchSize = AnalyticsQueries.ExportBatchSize) : IRequest<DateOnly>, ITenantQuery;

/// <summary>The analytics answers, read from the <c>analytics</c> tables (and, for commitments, the ledgers), on the query's tenant session.</summary>
public sealed class AnalyticsQueries(TenantQuerySession tenant, InstitutionCalendar calendar) :
    IRequestHandler<GetFunnel, Funnel>,
    IRequestHandler<GetChannelReport, ChannelReport>,
    IRequestHandler<GetLossReport, LossReport>,
    IRequestHandler<GetCommitmentReport, CommitmentPage>,
    IRequestHandler<ExportCommitments, DateOnly>
{
    /// <summary>How many partners the CSV export reads, computes and writes at a time (by default).</summary>
    public const int ExportBatchSize = 500;

    /// <summary>
    /// The partners with an MOU running today (active or paused, <c>mou_starts_on</c> ≤ today ≤ <c>mou_ends_on</c>), from
    /// <c>analytics.partners</c>, on its partial index <c>(tenant_id, name, partner_id)</c> of the running stages.
    /// </summary>
    private static readonly string Running =
        $"from {AnalyticsTables.Partners} where tenant_id = @tenant and stage in ('active', 'paused') and mou_starts_on <= @today and mou_ends_on >= @today";
    private static readonly Stage[] FunnelStages = [Stage.Prospect, Stage.Contacted, Stage.Pitched, Stage.Piloting, Stage.Active];

    public async Task<Funnel> Handle(GetFunnel query, CancellationToken ct)
    {
        var counts = await Single(
            $"""
            select count(*), count(contacted_on), count(pitched_on), count(piloting_on), count(signed_on), count(*) filter (where stage = 'lost')
            from {AnalyticsTables.Partners}
            where tenant_id = @tenant and (@from::date is null or prospected_on >= @from) and (@to::date is null or prospected_on <= @to)
            """,
            ct, ("tenant", query.TenantId), ("from", query.From), ("to", query.To));

        var reached = FunnelStages.Select((_, i) => Convert.ToInt32(counts[i])).ToArray();
        var stages = FunnelStages.Select((stage, i) =>
        {
            // Piloting is optional: active converts from pitched, not from piloting.
            var previous = stage switch
            {
                Stage.Prospect => (int?)null,
                Stage.Active => reached[2],
                _ => reached[i - 1],
            };
            return new FunnelStage(stage, reached[i], Rate(reached[i], previous));
        }).ToArray();
        return new Funnel(query.From, query.To, stages, Convert.ToInt32(counts[5]));
    }

    public async Task<ChannelReport> Handle(GetChannelReport query, CancellationToken ct)
    {
        var yearAgo = calendar.Today(query.TenantId).AddMonths(-12);
        var rows = await Rows(
            $"""
            select p.channel, count(*), count(p.pitched_on), count(p.signed_on),
                   percentile_cont(0.5) within group (order by p.signed_on - p.prospected_on) filter (where p.signed_on is not null),
                   count(*) filter (where p.stage = 'active'), count(*) filter (where p.stage = 'lost'),
                   count(*) filter (where p.signed_on <= @yearAgo),
                   count(*) filter (where p.signed_on <= @yearAgo and not exists (
                       select 1 from {AnalyticsTables.Losses} l
                       where l.tenant_id = p.tenant_id and l.partner_id = p.partner_id
                         and l.occurred_on >= p.signed_on and l.occurred_on < p.signed_on + interval '12 months'))
            from {AnalyticsTables.Partners} p
            where p.tenant_id = @tenant
            group by p.channel
            order by p.channel
            """,
            ct, ("tenant", query.TenantId), ("yearAgo", yearAgo));

        // Win-backs, by the channel the partner was approached again through.
        var wonBack = (await Rows(
            $"select channel, count(*) from {AnalyticsTables.StageTransitions} where tenant_id = @tenant and from_stage = 'lost' and channel is not null group by channel",
            ct, ("tenant", query.TenantId))).ToDictionary(r => PartnershipJson.FromWire<RecruitmentChannel>((string)r[0]!), r => Convert.ToInt32(r[1]));

        var channels = rows.Select(r =>
        {
            int Int(int i) => Convert.ToInt32(r[i]);
            var channel = PartnershipJson.FromWire<RecruitmentChannel>((string)r[0]!);
            return new ChannelPerformance(channel, Int(1), Int(2), Int(3), Rate(Int(3), Int(1)),
                r[4] is null ? null : Math.Round(Convert.ToDouble(r[4]), 1), Int(5), Int(6), Int(7), Int(8), Rate(Int(8), Int(7)),
                wonBack.GetValueOrDefault(channel));
        }).ToList();
        channels.AddRange(wonBack.Where(w => channels.All(c => c.Channel != w.Key))
            .Select(w => new ChannelPerformance(w.Key, 0, 0, 0, null, null, 0, 0, 0, 0, null, w.Value)));
        return new ChannelReport([.. channels.OrderBy(c => c.Channel.ToWire(), StringComparer.Ordinal)]);
    }

    public async Task<LossReport> Handle(GetLossReport query, CancellationToken ct)
    {
        var rows = await Rows(
            $"select reason, from_stage, count(*) from {AnalyticsTables.Losses} where tenant_id = @tenant group by reason, from_stage",
            ct, ("tenant", query.TenantId));

        var total = rows.Sum(r => Convert.ToInt32(r[2]));
        var reasons = rows.GroupBy(r => PartnershipJson.FromWire<LossReason>((string)r[0]!))
            .Select(g =>
            {
                var count = g.Sum(r => Convert.ToInt32(r[2]));
                return new LossReasonShare(g.Key, count, Math.Round((double)count / total, 4),
                    g.ToDictionary(r => PartnershipJson.FromWire<Stage>((string)r[1]!), r => Convert.ToInt32(r[2])));
            })
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason)
            .ToArray();
        return new LossReport(total, reasons);
    }

    /// <summary>
    /// The page's partners are chosen, counted and sorted in SQL; only theirs are loaded (snapshot and ledger) and
    /// computed. A partner whose ledger does not yet show the MOU the analytics table shows (the two read models follow
    /// the events separately, each within a second) is left out of the page until both agree.
    /// </summary>
    public async Task<CommitmentPage> Handle(GetCommitmentReport query, CancellationToken ct)
    {
        var paging = query.Paging == default ? PageRequest.First : query.Paging;
        var today = calendar.Today(query.TenantId);
        var total = Convert.ToInt64((await Single($"select count(*) {Running}", ct, ("tenant", query.TenantId), ("today", today)))[0]);
        if (paging.Offset >= total)
        {
            return new CommitmentPage(today, [], total, paging.Page, paging.PageSize);
        }

        var ids = (await Rows($"select partner_id {Running} order by name, partner_id limit @limit offset @offset", ct,
            ("tenant", query.TenantId), ("today", today), ("limit", paging.PageSize), ("offset", paging.Offset))).Select(r => (Guid)r[0]!).ToArray();
        return new CommitmentPage(today, await Deliveries(ids, today, ct), total, paging.Page, paging.PageSize);
    }

    /// <summary>Keyset batches over the same index (after the last name and id written), so no offset is ever skipped over.</summary>
    public async Task<DateOnly> Handle(ExportCommitments query, CancellationToken ct)
    {
        var today = calendar.Today(query.TenantId);
        (string Name, Guid Id)? after = null;
        while (true)
        {
            var rows = after is { } last
                ? await Rows($"select partner_id, name {Running} and (name, partner_id) > (@name, @id) order by name, partner_id limit @limit", ct,
                    ("tenant", query.TenantId), ("today", today), ("name", last.Name), ("id", last.Id), ("limit", query.BatchSize))
                : await Rows($"select partner_id, name {Running} order by name, partner_id limit @limit", ct,
                    ("tenant", query.TenantId), ("today", today), ("limit", query.BatchSize));
            if (rows.Count == 0)
            {
                return today;
            }

            await query.WriteBatch(await Deliveries([.. rows.Select(r => (Guid)r[0]!)], today, ct), ct);
            after = ((string)rows[^1][1]!, (Guid)rows[^1][0]!);
            if (rows.Count < query.BatchSize)
            {
                return today;
            }
        }
    }

    /// <summary>What each of <paramref name="ids"/> committed and delivered in its MOU year of <paramref name="today"/>, in the order of <paramref name="ids"/>.</summary>
    private async Task<IReadOnlyList<CommitmentDelivery>> Deliveries(IReadOnlyList<Guid> ids, DateOnly today, CancellationToken ct)
    {
        var session = tenant.Session;
        var partners = (await session.LoadManyAsync<Partner>(ct, ids)).ToDictionary(p => p.Id);
        var ledgers = (await session.LoadManyAsync<CommitmentLedger>(ct, ids)).ToDictionary(l => l.Id);
        var report = new List<CommitmentDelivery>(ids.Count);
        foreach (var id in ids)
        {
            if (!partners.TryGetValue(id, out var partner) || !ledgers.TryGetValue(id, out var ledger) || ledger.YearOn(today) is not { } year)
            {
                continue; // the ledger does not show an MOU running today (yet)
            }

            var commitments = ledger.Mou!.Commitments;
            var mentors = partner.ActiveContacts.Count(c => c.Role == ContactRole.Mentor);
            report.Add(new CommitmentDelivery(partner.Id, partner.Name, partner.Stage, year.StartsOn, year.EndsBefore,
                Math.Round((today.DayNumber - year.StartsOn.DayNumber + 1) / (double)year.Length, 4),
                new Delivery(commitments.PlacementsPerYear, ledger.PlacementsDelivered(year, today)),
                new Delivery(commitments.Mentors, mentors),
                new Delivery(commitments.GuestSessionsPerYear, ledger.GuestSessionsDelivered(year, today))));
        }

        return report;
    }

    private static double? Rate(int part, int? whole) => whole is > 0 ? Math.Round((double)part / whole.Value, 4) : null;

    private async Task<object?[]> Single(string sql, CancellationToken ct, params (string, object?)[] parameters) =>
        (await Rows(sql, ct, parameters)).Single();

    private async Task<List<object?[]>> Rows(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        // On the query's session (its connection, its tenant's database), as the documents are read.
        await using var command = new NpgsqlCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<object?[]>();
        await using DbDataReader reader = await tenant.Session.ExecuteReaderAsync(command, ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, ct) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
