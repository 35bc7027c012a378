using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PartnershipLifecycle.Analytics;

/// <summary>
/// The facts as plain SQL tables in schema <c>analytics</c>, for any BI tool. Every row carries its
/// institution's <c>tenant_id</c>; stages and enum values are the API's snake_case words. Every "first" and "latest"
/// follows the business dates, not the order events were recorded in (back-dated entries are normal).
/// <para>
/// A row of <c>partners</c> shows the MOU in force: <c>mou_starts_on</c>, <c>mou_ends_on</c>, the commitment columns and
/// <c>mou_amended_on</c> are all set while one runs and all null once the partner is lost (and until a new MOU is
/// signed after a win-back). <c>signed_on</c> keeps the first signing, and <c>channel</c> and <c>prospected_on</c> the
/// first identification, also after a win-back: the funnel and channel figures count a partner once, by how it was
/// first found. Win-backs are in <c>stage_transitions</c> (<c>from_stage = 'lost'</c>, with their <c>channel</c>).
/// </para>
/// </summary>
public static class AnalyticsTables
{
    public const string Schema = "analytics";

    public static readonly PostgresqlObjectName Partners = new(Schema, "partners", SchemaUtils.IdentifierUsage.General);
    public static readonly PostgresqlObjectName StageTransitions = new(Schema, "stage_transitions", SchemaUtils.IdentifierUsage.General);
    public static readonly PostgresqlObjectName Engagements = new(Schema, "engagements", SchemaUtils.IdentifierUsage.General);
    public static readonly PostgresqlObjectName Losses = new(Schema, "losses", SchemaUtils.IdentifierUsage.General);

    public static IEnumerable<Table> All()
    {
        // One row per partner: who it is, when it first reached each stage (the earliest business date), where it is now,
        // the MOU in force (all null when none: see the class's remarks), its latest loss.
        var partners = new Table(Partners);
        partners.AddColumn<string>("tenant_id").AsPrimaryKey();
        partners.AddColumn<Guid>("partner_id").AsPrimaryKey();
        partners.AddColumn("name", "text").NotNull();
        partners.AddColumn("sector", "text").NotNull();
        partners.AddColumn("channel", "text").NotNull();
        partners.AddColumn("referred_by_partner_id", "uuid");
        partners.AddColumn("motivations", "text[]");
        partners.AddColumn("stage", "text").NotNull();
        partners.AddColumn("prospected_on", "date").NotNull();
        partners.AddColumn("contacted_on", "date");
        partners.AddColumn("pitched_on", "date");
        partners.AddColumn("piloting_on", "date");
        partners.AddColumn("signed_on", "date");
        partners.AddColumn("mou_starts_on", "date");
        partners.AddColumn("mou_ends_on", "date");
        partners.AddColumn("placements_per_year", "integer");
        partners.AddColumn("mentors", "integer");
        partners.AddColumn("guest_sessions_per_year", "integer");
        partners.AddColumn("advisory_board_seat", "boolean");
        partners.AddColumn("mou_amended_on", "date");
        partners.AddColumn("lost_on", "date");
        partners.AddColumn("loss_reason", "text");
        partners.AddColumn("reactivations", "integer").NotNull().DefaultValue(0);
        partners.AddColumn("contacts_departed", "integer").NotNull().DefaultValue(0);
        // GET /api/analytics/commitments: the partners of the running stages, by name then id (paged and exported).
        // Not a partial index: Weasel compares a predicate with PostgreSQL's rewrite of it and, finding them different,
        // recreated the index at every start (and two nodes starting at once raced on it, 42P07).
        partners.Indexes.Add(new IndexDefinition("ix_analytics_partners_by_name")
        {
            Columns = ["tenant_id", "name", "partner_id"],
        });
        yield return partners;

        // Every stage change, with the business date it happened on; channel: how the partner was found (identification)
        // or approached again (win-back, from_stage 'lost'), null for other changes.
        var transitions = new Table(StageTransitions);
        transitions.AddColumn<long>("seq_id").AsPrimaryKey();
        transitions.AddColumn<string>("tenant_id").NotNull();
        transitions.AddColumn<Guid>("partner_id").NotNull();
        transitions.AddColumn("from_stage", "text");
        transitions.AddColumn("to_stage", "text").NotNull();
        transitions.AddColumn("occurred_on", "date").NotNull();
        transitions.AddColumn("recorded_at", "timestamptz").NotNull();
        transitions.AddColumn("channel", "text");
        // The channel report's win-backs: a tenant's transitions out of 'lost', by channel, read from the index alone.
        transitions.Indexes.Add(new IndexDefinition("ix_analytics_stage_transitions_by_from_stage")
        {
            Columns = ["tenant_id", "from_stage", "channel"],
        });
        yield return transitions;

        // Every engagement delivered: placements, mentoring sessions, talks...
        var engagements = new Table(Engagements);
        engagements.AddColumn<long>("seq_id").AsPrimaryKey();
        engagements.AddColumn<string>("tenant_id").NotNull();
        engagements.AddColumn<Guid>("partner_id").NotNull();
        engagements.AddColumn("type", "text").NotNull();
        engagements.AddColumn("occurred_on", "date").NotNull();
        engagements.AddColumn("students_reached", "integer").NotNull();
        engagements.AddColumn("hours", "numeric").NotNull();
        yield return engagements;

        // Every loss, its reason and the stage it was lost from.
        var losses = new Table(Losses);
        losses.AddColumn<long>("seq_id").AsPrimaryKey();
        losses.AddColumn<string>("tenant_id").NotNull();
        losses.AddColumn<Guid>("partner_id").NotNull();
        losses.AddColumn("reason", "text").NotNull();
        losses.AddColumn("from_stage", "text").NotNull();
        losses.AddColumn("occurred_on", "date").NotNull();
        // The channel report's retention: a partner's losses after its signing, looked up per partner.
        losses.Indexes.Add(new IndexDefinition("ix_analytics_losses_by_partner")
        {
            Columns = ["tenant_id", "partner_id", "occurred_on"],
        });
        yield return losses;
    }
}
