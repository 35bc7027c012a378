using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.WinningBack;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Analytics;

/// <summary>
/// Writes <see cref="AnalyticsTables"/> from the events, in Marten's async daemon (a command never waits on
/// it). Marten's <c>FlatTableProjection</c> maps one event to one row without state, which can neither carry
/// the tenant nor tell where a partner stood before an event; this projection keeps the current stage in the
/// partners table itself and moves it with the domain's own <see cref="StageTransitions"/>.
/// </summary>
public sealed class AnalyticsProjection : IProjection
{
    public const string Name = "Analytics";

    private sealed record StageRow(string TenantId, Guid PartnerId, string Stage);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var stages = await CurrentStages(operations, events, cancellation);
        var rows = new AppendedRows();
        foreach (var e in events)
        {
            if (e.Data is not IPartnerEvent data)
            {
                continue;
            }

            var key = (e.TenantId, e.StreamId);
            var before = stages.TryGetValue(key, out var known) ? known : (Stage?)null;
            var after = StageTransitions.After(before ?? Stage.Prospect, data);
            Write(operations, rows, e, data, after, moved: before != after);
            if (before != after || data is ProspectIdentified)
            {
                var channel = data switch
                {
                    ProspectIdentified p => p.Channel.ToWire(),
                    PartnershipReactivated r => r.Channel.ToWire(),
                    _ => null,
                };
                rows.Transitions.Add((e.Sequence, e.TenantId, e.StreamId, before?.ToWire(), after.ToWire(), data.OccurredOn, e.Timestamp, channel));
            }

            stages[key] = after;
        }

        rows.Queue(operations);
    }

    /// <summary>
    /// The rows of this page for the tables that are only ever appended to, written as one statement per table
    /// (unnest of arrays) instead of one per event: a rebuild spent most of its time on those statements.
    /// </summary>
    private sealed class AppendedRows
    {
        public List<(long Seq, string Tenant, Guid Partner, string? From, string To, DateOnly OccurredOn, DateTimeOffset RecordedAt, string? Channel)> Transitions { get; } = [];
        public List<(long Seq, string Tenant, Guid Partner, string Type, DateOnly OccurredOn, int StudentsReached, decimal Hours)> Engagements { get; } = [];
        public List<(long Seq, string Tenant, Guid Partner, string Reason, string FromStage, DateOnly OccurredOn)> Losses { get; } = [];

        public void Queue(IDocumentOperations ops)
        {
            if (Transitions.Count > 0)
            {
                ops.QueueSqlCommand(
                    $"insert into {AnalyticsTables.StageTransitions} (seq_id, tenant_id, partner_id, from_stage, to_stage, occurred_on, recorded_at, channel) " +
                    "select * from unnest(?::bigint[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::date[], ?::timestamptz[], ?::text[]) on conflict (seq_id) do nothing",
                    Transitions.Select(r => r.Seq).ToArray(), Transitions.Select(r => r.Tenant).ToArray(), Transitions.Select(r => r.Partner).ToArray(),
                    Transitions.Select(r => r.From).ToArray(), Transitions.Select(r => r.To).ToArray(), Transitions.Select(r => r.OccurredOn).ToArray(),
                    Transitions.Select(r => r.RecordedAt).ToArray(), Transitions.Select(r => r.Channel).ToArray());
            }

            if (Engagements.Count > 0)
            {
                ops.QueueSqlCommand(
                    $"insert into {AnalyticsTables.Engagements} (seq_id, tenant_id, partner_id, type, occurred_on, students_reached, hours) " +
                    "select * from unnest(?::bigint[], ?::text[], ?::uuid[], ?::text[], ?::date[], ?::integer[], ?::numeric[]) on conflict (seq_id) do nothing",
                    Engagements.Select(r => r.Seq).ToArray(), Engagements.Select(r => r.Tenant).ToArray(), Engagements.Select(r => r.Partner).ToArray(),
                    Engagements.Select(r => r.Type).ToArray(), Engagements.Select(r => r.OccurredOn).ToArray(),
                    Engagements.Select(r => r.StudentsReached).ToArray(), Engagements.Select(r => r.Hours).ToArray());
            }

            if (Losses.Count > 0)
            {
                ops.QueueSqlCommand(
                    $"insert into {AnalyticsTables.Losses} (seq_id, tenant_id, partner_id, reason, from_stage, occurred_on) " +
                    "select * from unnest(?::bigint[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::date[]) on conflict (seq_id) do nothing",
                    Losses.Select(r => r.Seq).ToArray(), Losses.Select(r => r.Tenant).ToArray(), Losses.Select(r => r.Partner).ToArray(),
                    Losses.Select(r => r.Reason).ToArray(), Losses.Select(r => r.FromStage).ToArray(), Losses.Select(r => r.OccurredOn).ToArray());
            }
        }
    }

    private static void Write(IDocumentOperations ops, AppendedRows rows, IEvent e, IPartnerEvent data, Stage stage, bool moved)
    {
        var partner = $"where tenant_id = ? and partner_id = ?";
        switch (data)
        {
            case ProspectIdentified p:
                ops.QueueSqlCommand(
                    $"insert into {AnalyticsTables.Partners} (tenant_id, partner_id, name, sector, channel, referred_by_partner_id, motivations, stage, prospected_on) " +
                    "values (?, ?, ?, ?, ?, ?::uuid, ?, ?, ?) on conflict (tenant_id, partner_id) do update set name = excluded.name, sector = excluded.sector, " +
                    "channel = excluded.channel, referred_by_partner_id = excluded.referred_by_partner_id, motivations = excluded.motivations, " +
                    "stage = excluded.stage, prospected_on = excluded.prospected_on",
                    e.TenantId, e.StreamId, p.Name, p.Sector, p.Channel.ToWire(), (object?)p.ReferredByPartnerId ?? DBNull.Value,
                    p.Motivations.Select(m => m.ToWire()).ToArray(), stage.ToWire(), p.OccurredOn);
                return;

            case MouSigned m:
                ops.QueueSqlCommand(
                    $"update {AnalyticsTables.Partners} set stage = ?, signed_on = least(signed_on, ?), mou_starts_on = ?, mou_ends_on = ?, " +
                    $"placements_per_year = ?, mentors = ?, guest_sessions_per_year = ?, advisory_board_seat = ?, mou_amended_on = null {partner}",
                    stage.ToWire(), m.SignedOn, m.StartsOn, m.EndsOn, m.Commitments.PlacementsPerYear, m.Commitments.Mentors,
                    m.Commitments.GuestSessionsPerYear, m.Commitments.AdvisoryBoardSeat, e.TenantId, e.StreamId);
                return;

            // The commitments in force are the latest amendment's by business date (a tie: the one recorded last).
            case MouAmended a:
                ops.QueueSqlCommand(
                    $"update {AnalyticsTables.Partners} set placements_per_year = ?, mentors = ?, guest_sessions_per_year = ?, advisory_board_seat = ?, " +
                    $"mou_amended_on = ? {partner} and mou_ends_on is not null and (mou_amended_on is null or mou_amended_on <= ?)",
                    a.Commitments.PlacementsPerYear, a.Commitments.Mentors, a.Commitments.GuestSessionsPerYear, a.Commitments.AdvisoryBoardSeat,
                    a.OccurredOn, e.TenantId, e.StreamId, a.OccurredOn);
                return;

            case MouRenewed r:
                ops.QueueSqlCommand($"update {AnalyticsTables.Partners} set mou_ends_on = greatest(mou_ends_on, ?) {partner} and mou_ends_on is not null",
                    r.EndsOn, e.TenantId, e.StreamId);
                return;

            case EngagementDelivered g:
                rows.Engagements.Add((e.Sequence, e.TenantId, e.StreamId, g.Type.ToWire(), g.OccurredOn, g.StudentsReached, g.Hours));
                return;

            case ContactDeparted:
                ops.QueueSqlCommand($"update {AnalyticsTables.Partners} set contacts_departed = contacts_departed + 1 {partner}", e.TenantId, e.StreamId);
                return;

            case PartnershipLost l:
                rows.Losses.Add((e.Sequence, e.TenantId, e.StreamId, l.Reason.ToWire(), l.FromStage.ToWire(), l.OccurredOn));
                // A lost partner has no MOU in force: its term and commitments are null (AnalyticsTables). The loss shown is
                // the latest by business date.
                ops.QueueSqlCommand(
                    $"update {AnalyticsTables.Partners} set stage = ?, " +
                    "loss_reason = case when lost_on is null or lost_on <= ? then ? else loss_reason end, lost_on = greatest(lost_on, ?), " +
                    $"mou_starts_on = null, mou_ends_on = null, placements_per_year = null, mentors = null, guest_sessions_per_year = null, " +
                    $"advisory_board_seat = null, mou_amended_on = null {partner}",
                    stage.ToWire(), l.OccurredOn, l.Reason.ToWire(), l.OccurredOn, e.TenantId, e.StreamId);
                return;

            case PartnershipReactivated:
                ops.QueueSqlCommand($"update {AnalyticsTables.Partners} set stage = ?, reactivations = reactivations + 1 {partner}",
                    stage.ToWire(), e.TenantId, e.StreamId);
                return;
        }

        // Every other event only moves the stage. The first date a stage was reached is the earliest business date of an
        // event that reaches it (an outreach, a pitch, a pilot's start), whatever order they were recorded in.
        var firstReached = data switch
        {
            Partners.ReachingOut.OutreachLogged => "contacted_on",
            Partners.Pitching.PitchDelivered => "pitched_on",
            Partners.Piloting.PilotStarted => "piloting_on",
            _ => null,
        };
        if (!moved && firstReached is null)
        {
            return;
        }

        ops.QueueSqlCommand(
            firstReached is null
                ? $"update {AnalyticsTables.Partners} set stage = ? {partner}"
                : $"update {AnalyticsTables.Partners} set stage = ?, {firstReached} = least({firstReached}, ?) {partner}",
            firstReached is null ? [stage.ToWire(), e.TenantId, e.StreamId] : [stage.ToWire(), data.OccurredOn, e.TenantId, e.StreamId]);
    }

    /// <summary>Where each partner of this batch stood before it, from the partners table.</summary>
    private static async Task<Dictionary<(string, Guid), Stage>> CurrentStages(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        // By (tenant_id, partner_id), the primary key: a lookup by partner_id alone cannot use it and read every
        // institution's rows on each batch (a sequential scan that grows with the whole store).
        var keys = events.Select(e => (e.TenantId, e.StreamId)).Distinct().ToArray();
        var rows = await ops.QueryAsync<StageRow>(
            $"select row_to_json(r) from (select p.tenant_id as \"tenantId\", p.partner_id as \"partnerId\", p.stage from {AnalyticsTables.Partners} p " +
            "join unnest(?::text[], ?::uuid[]) as k(tenant_id, partner_id) on p.tenant_id = k.tenant_id and p.partner_id = k.partner_id) r",
            ct, keys.Select(k => k.TenantId).ToArray(), keys.Select(k => k.StreamId).ToArray());
        return rows.ToDictionary(r => (r.TenantId, r.PartnerId), r => PartnershipJson.FromWire<Stage>(r.Stage));
    }
}
