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

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var partners = await CurrentRows(operations, events, cancellation);
        var stages = partners.ToDictionary(p => p.Key, p => PartnershipJson.FromWire<Stage>(p.Value.Stage));
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
            Write(partners, rows, e, data, after, moved: before != after);
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

        PartnerRow.Queue(operations, [.. partners.Values.Where(p => p.Changed)]);
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

    // What each event does to its partner's row, applied to the row read at the start of the page (one statement per
    // page writes every changed row, instead of one statement per event: the rebuild spent most of its database time on
    // those). Each step is the SQL update it replaces, with PostgreSQL's semantics: least/greatest ignore nulls, an
    // update of a missing row changes nothing.
    private static void Write(Dictionary<(string, Guid), PartnerRow> partners, AppendedRows rows, IEvent e, IPartnerEvent data, Stage stage, bool moved)
    {
        var key = (e.TenantId, e.StreamId);
        if (data is ProspectIdentified p)
        {
            var row = partners.TryGetValue(key, out var existing) ? existing : partners[key] = new PartnerRow { TenantId = e.TenantId, PartnerId = e.StreamId };
            row.Name = p.Name;
            row.Sector = p.Sector;
            row.Channel = p.Channel.ToWire();
            row.ReferredByPartnerId = p.ReferredByPartnerId;
            row.Motivations = [.. p.Motivations.Select(m => m.ToWire())];
            row.Stage = stage.ToWire();
            row.ProspectedOn = p.OccurredOn;
            row.Changed = true;
            return;
        }

        switch (data)
        {
            case EngagementDelivered g:
                rows.Engagements.Add((e.Sequence, e.TenantId, e.StreamId, g.Type.ToWire(), g.OccurredOn, g.StudentsReached, g.Hours));
                return;
            case PartnershipLost l:
                rows.Losses.Add((e.Sequence, e.TenantId, e.StreamId, l.Reason.ToWire(), l.FromStage.ToWire(), l.OccurredOn));
                break;
        }

        if (!partners.TryGetValue(key, out var partner))
        {
            return;
        }

        switch (data)
        {
            case MouSigned m:
                partner.Stage = stage.ToWire();
                partner.SignedOn = Least(partner.SignedOn, m.SignedOn);
                partner.MouStartsOn = m.StartsOn;
                partner.MouEndsOn = m.EndsOn;
                partner.Commit(m.Commitments);
                partner.MouAmendedOn = null;
                break;

            // The commitments in force are the latest amendment's by business date (a tie: the one recorded last).
            case MouAmended a:
                if (partner.MouEndsOn is null || !(partner.MouAmendedOn is null || partner.MouAmendedOn <= a.OccurredOn))
                {
                    return;
                }

                partner.Commit(a.Commitments);
                partner.MouAmendedOn = a.OccurredOn;
                break;

            case MouRenewed r:
                if (partner.MouEndsOn is not { } ends)
                {
                    return;
                }

                partner.MouEndsOn = ends > r.EndsOn ? ends : r.EndsOn;
                break;

            case ContactDeparted:
                partner.ContactsDeparted++;
                break;

            // A lost partner has no MOU in force: its term and commitments are null (AnalyticsTables). The loss shown is
            // the latest by business date.
            case PartnershipLost l:
                partner.Stage = stage.ToWire();
                partner.LossReason = partner.LostOn is null || partner.LostOn <= l.OccurredOn ? l.Reason.ToWire() : partner.LossReason;
                partner.LostOn = partner.LostOn is { } lost && lost > l.OccurredOn ? lost : l.OccurredOn;
                partner.MouStartsOn = null;
                partner.MouEndsOn = null;
                partner.PlacementsPerYear = null;
                partner.Mentors = null;
                partner.GuestSessionsPerYear = null;
                partner.AdvisoryBoardSeat = null;
                partner.MouAmendedOn = null;
                break;

            case PartnershipReactivated:
                partner.Stage = stage.ToWire();
                partner.Reactivations++;
                break;

            // Every other event only moves the stage. The first date a stage was reached is the earliest business date of an
            // event that reaches it (an outreach, a pitch, a pilot's start), whatever order they were recorded in.
            case Partners.ReachingOut.OutreachLogged:
                partner.Stage = stage.ToWire();
                partner.ContactedOn = Least(partner.ContactedOn, data.OccurredOn);
                break;
            case Partners.Pitching.PitchDelivered:
                partner.Stage = stage.ToWire();
                partner.PitchedOn = Least(partner.PitchedOn, data.OccurredOn);
                break;
            case Partners.Piloting.PilotStarted:
                partner.Stage = stage.ToWire();
                partner.PilotingOn = Least(partner.PilotingOn, data.OccurredOn);
                break;
            default:
                if (!moved)
                {
                    return;
                }

                partner.Stage = stage.ToWire();
                break;
        }

        partner.Changed = true;
    }

    private static DateOnly Least(DateOnly? current, DateOnly candidate) => current is { } known && known < candidate ? known : candidate;

    /// <summary>A row of the partners table, read at the start of a page and written back once at its end if changed.</summary>
    private sealed class PartnerRow
    {
        public string TenantId { get; set; } = "";
        public Guid PartnerId { get; set; }
        public string Name { get; set; } = "";
        public string Sector { get; set; } = "";
        public string Channel { get; set; } = "";
        public Guid? ReferredByPartnerId { get; set; }
        public string[]? Motivations { get; set; }
        public string Stage { get; set; } = "";
        public DateOnly ProspectedOn { get; set; }
        public DateOnly? ContactedOn { get; set; }
        public DateOnly? PitchedOn { get; set; }
        public DateOnly? PilotingOn { get; set; }
        public DateOnly? SignedOn { get; set; }
        public DateOnly? MouStartsOn { get; set; }
        public DateOnly? MouEndsOn { get; set; }
        public int? PlacementsPerYear { get; set; }
        public int? Mentors { get; set; }
        public int? GuestSessionsPerYear { get; set; }
        public bool? AdvisoryBoardSeat { get; set; }
        public DateOnly? MouAmendedOn { get; set; }
        public DateOnly? LostOn { get; set; }
        public string? LossReason { get; set; }
        public int Reactivations { get; set; }
        public int ContactsDeparted { get; set; }

        [System.Text.Json.Serialization.JsonIgnore]
        public bool Changed { get; set; }

        private const string Columns =
            "tenant_id, partner_id, name, sector, channel, referred_by_partner_id, motivations, stage, prospected_on, contacted_on, pitched_on, " +
            "piloting_on, signed_on, mou_starts_on, mou_ends_on, placements_per_year, mentors, guest_sessions_per_year, advisory_board_seat, " +
            "mou_amended_on, lost_on, loss_reason, reactivations, contacts_departed";

        /// <summary>The columns under the JSON names of this class's properties (for row_to_json).</summary>
        public const string Select =
            "p.tenant_id as \"tenantId\", p.partner_id as \"partnerId\", p.name, p.sector, p.channel, p.referred_by_partner_id as \"referredByPartnerId\", " +
            "p.motivations, p.stage, p.prospected_on as \"prospectedOn\", p.contacted_on as \"contactedOn\", p.pitched_on as \"pitchedOn\", " +
            "p.piloting_on as \"pilotingOn\", p.signed_on as \"signedOn\", p.mou_starts_on as \"mouStartsOn\", p.mou_ends_on as \"mouEndsOn\", " +
            "p.placements_per_year as \"placementsPerYear\", p.mentors, p.guest_sessions_per_year as \"guestSessionsPerYear\", " +
            "p.advisory_board_seat as \"advisoryBoardSeat\", p.mou_amended_on as \"mouAmendedOn\", p.lost_on as \"lostOn\", " +
            "p.loss_reason as \"lossReason\", p.reactivations, p.contacts_departed as \"contactsDeparted\"";

        public void Commit(Commitments commitments)
        {
            PlacementsPerYear = commitments.PlacementsPerYear;
            Mentors = commitments.Mentors;
            GuestSessionsPerYear = commitments.GuestSessionsPerYear;
            AdvisoryBoardSeat = commitments.AdvisoryBoardSeat;
        }

        /// <summary>Writes these rows, whole, as one statement.</summary>
        public static void Queue(IDocumentOperations ops, PartnerRow[] rows)
        {
            if (rows.Length == 0)
            {
                return;
            }

            // Motivations travel as one JSON array each: unnest flattens an array of arrays.
            ops.QueueSqlCommand(
                $"insert into {AnalyticsTables.Partners} ({Columns}) " +
                "select t, p, n, s, c, r, case when m is null then null else array(select jsonb_array_elements_text(m)) end, st, pr, co, pi, pl, si, ms, me, pp, mn, gs, ab, ma, lo, lr, re, cd " +
                "from unnest(?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[], ?::text[], ?::date[], ?::date[], ?::date[], ?::date[], " +
                "?::date[], ?::date[], ?::date[], ?::integer[], ?::integer[], ?::integer[], ?::boolean[], ?::date[], ?::date[], ?::text[], ?::integer[], ?::integer[]) " +
                "as u(t, p, n, s, c, r, m, st, pr, co, pi, pl, si, ms, me, pp, mn, gs, ab, ma, lo, lr, re, cd) " +
                "on conflict (tenant_id, partner_id) do update set name = excluded.name, sector = excluded.sector, channel = excluded.channel, " +
                "referred_by_partner_id = excluded.referred_by_partner_id, motivations = excluded.motivations, stage = excluded.stage, " +
                "prospected_on = excluded.prospected_on, contacted_on = excluded.contacted_on, pitched_on = excluded.pitched_on, " +
                "piloting_on = excluded.piloting_on, signed_on = excluded.signed_on, mou_starts_on = excluded.mou_starts_on, " +
                "mou_ends_on = excluded.mou_ends_on, placements_per_year = excluded.placements_per_year, mentors = excluded.mentors, " +
                "guest_sessions_per_year = excluded.guest_sessions_per_year, advisory_board_seat = excluded.advisory_board_seat, " +
                "mou_amended_on = excluded.mou_amended_on, lost_on = excluded.lost_on, loss_reason = excluded.loss_reason, " +
                "reactivations = excluded.reactivations, contacts_departed = excluded.contacts_departed",
                rows.Select(r => r.TenantId).ToArray(), rows.Select(r => r.PartnerId).ToArray(), rows.Select(r => r.Name).ToArray(),
                rows.Select(r => r.Sector).ToArray(), rows.Select(r => r.Channel).ToArray(), rows.Select(r => r.ReferredByPartnerId).ToArray(),
                rows.Select(r => r.Motivations is null ? null : System.Text.Json.JsonSerializer.Serialize(r.Motivations)).ToArray(),
                rows.Select(r => r.Stage).ToArray(), rows.Select(r => r.ProspectedOn).ToArray(), rows.Select(r => r.ContactedOn).ToArray(),
                rows.Select(r => r.PitchedOn).ToArray(), rows.Select(r => r.PilotingOn).ToArray(), rows.Select(r => r.SignedOn).ToArray(),
                rows.Select(r => r.MouStartsOn).ToArray(), rows.Select(r => r.MouEndsOn).ToArray(), rows.Select(r => r.PlacementsPerYear).ToArray(),
                rows.Select(r => r.Mentors).ToArray(), rows.Select(r => r.GuestSessionsPerYear).ToArray(), rows.Select(r => r.AdvisoryBoardSeat).ToArray(),
                rows.Select(r => r.MouAmendedOn).ToArray(), rows.Select(r => r.LostOn).ToArray(), rows.Select(r => r.LossReason).ToArray(),
                rows.Select(r => r.Reactivations).ToArray(), rows.Select(r => r.ContactsDeparted).ToArray());
        }
    }

    /// <summary>The partners table's rows of this batch's partners, as they stand before it.</summary>
    private static async Task<Dictionary<(string, Guid), PartnerRow>> CurrentRows(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        // By (tenant_id, partner_id), the primary key: a lookup by partner_id alone cannot use it and read every
        // institution's rows on each batch (a sequential scan that grows with the whole store).
        var keys = events.Select(e => (e.TenantId, e.StreamId)).Distinct().ToArray();
        var rows = await ops.QueryAsync<PartnerRow>(
            $"select row_to_json(r) from (select {PartnerRow.Select} from {AnalyticsTables.Partners} p " +
            "join unnest(?::text[], ?::uuid[]) as k(tenant_id, partner_id) on p.tenant_id = k.tenant_id and p.partner_id = k.partner_id) r",
            ct, keys.Select(k => k.TenantId).ToArray(), keys.Select(k => k.StreamId).ToArray());
        return rows.ToDictionary(r => (r.TenantId, r.PartnerId));
    }
}
