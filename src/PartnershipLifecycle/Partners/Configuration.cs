using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Weasel.Postgresql.Tables;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Hosting;

namespace PartnershipLifecycle.Partners;

/// <summary>What the partner's stream owns: its inline snapshot with the columns its queries filter on, the MOU hold, the rules its command pipeline follows, and the rebuild of stale duplicate-check keys.</summary>
public sealed class Configuration : IFeature
{
    public void ConfigureStore(StoreOptions opts)
    {
        AddPartnerSnapshot(opts);
        opts.Schema.For<MouTermHold>();
    }

    public void ConfigureServices(IServiceCollection services)
    {
        // What the command pipeline needs to know of a partner's stream (name, path, business dates, answer).
        services.AddSingleton<IStreamRules<Partner>, PartnerStream>();
        // After Marten's schema changes: partner snapshots keyed by older duplicate-check rules are rebuilt.
        services.AddHostedService<PartnerIdentityKeys>();
    }

    /// <summary>
    /// The partner as it is now, written in the same transaction as its events (what a command loads and writes), with
    /// the columns the duplicate check, the lists and the start-up checks filter on. Also part of the benchmark's
    /// "bare Marten" baseline.
    /// <para>
    /// <c>GET /api/partners</c> sorts by <see cref="Partner.SortName"/>, then <see cref="Partner.Name"/>, then id, within
    /// the tenant: both names are duplicated into plain columns (<c>sort_name</c>, <c>name</c>; Marten fills them from the
    /// JSON when it adds them) and <see cref="ListIndex"/> holds exactly that order, with the list's filters included, so
    /// that a page reads as many index entries as it shows and a count reads only the index. Plain columns, not an index
    /// over the JSON: a snapshot update that leaves the indexed columns alone stays a HOT update (an expression index
    /// over <c>data</c> would make every command's update write every index).
    /// </para>
    /// </summary>
    public static void AddPartnerSnapshot(StoreOptions opts)
    {
        opts.Projections.Snapshot<Partner>(SnapshotLifecycle.Inline);
        opts.Schema.For<Partner>()
            .Metadata(m => m.TenantId.MapTo(p => p.TenantId!))
            .Duplicate(p => p.NormalisedName)
            .Duplicate(p => p.WebsiteKey!)
            .Duplicate(p => p.IdentityKeysVersion)
            .Duplicate(p => p.Stage)
            .Duplicate(p => p.Sector)
            .Duplicate(p => p.Channel);
        // The list's order as plain columns, with no index of their own (Duplicate would add one each): ListIndex.
        opts.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(Partner))
            {
                return;
            }

            mapping.DuplicateField(nameof(Partner.SortName));
            mapping.DuplicateField(nameof(Partner.Name));
            mapping.Indexes.Add(new IndexDefinition(ListIndex)
            {
                Columns = ["tenant_id", "sort_name", "name", "id"],
                IncludeColumns = ["stage", "sector", "channel"],
            });
            // Today's two questions, each a range of one column within the tenant read in the answer's order, so a
            // page of them reads as many index entries as it shows. No partial predicate: Weasel compares PostgreSQL's
            // rewrite of a predicate with ours and would recreate the index at every start.
            mapping.DuplicateField(nameof(Partner.NextFollowUpOn));
            mapping.DuplicateField(nameof(Partner.MouEndsOn));
            mapping.Indexes.Add(new IndexDefinition(FollowUpsIndex) { Columns = ["tenant_id", "next_follow_up_on", "sort_name", "name", "id"] });
            mapping.Indexes.Add(new IndexDefinition(MouEndsIndex) { Columns = ["tenant_id", "mou_ends_on", "sort_name", "name", "id"] });
        });
    }

    /// <summary>Today's follow-ups due: <c>(tenant_id, next_follow_up_on, sort_name, name, id)</c>.</summary>
    public const string FollowUpsIndex = "mt_doc_partner_idx_follow_ups_due";

    /// <summary>Today's MOUs ending: <c>(tenant_id, mou_ends_on, sort_name, name, id)</c>.</summary>
    public const string MouEndsIndex = "mt_doc_partner_idx_mou_ends";

    /// <summary>The partner list's index: <c>(tenant_id, sort_name, name, id) include (stage, sector, channel)</c>.</summary>
    public const string ListIndex = "mt_doc_partner_idx_list";
}
