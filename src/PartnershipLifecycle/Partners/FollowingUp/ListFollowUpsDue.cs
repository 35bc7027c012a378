using Marten;
using MediatR;
using PartnershipLifecycle.Platform.Queries;

namespace PartnershipLifecycle.Partners.FollowingUp;

/// <summary>
/// The tenant's open follow-ups (not completed) due on or before <see cref="DueBy"/> (a business date), overdue ones
/// included, earliest due first, then in the partner list's name order. At most <see cref="Limit"/> (1 to 500).
/// </summary>
public sealed record ListFollowUpsDue(string TenantId, DateOnly DueBy, int Limit = 100) : IRequest<IReadOnlyList<FollowUpDue>>, ITenantQuery;

/// <summary>An open follow-up with its partner's id and name.</summary>
public sealed record FollowUpDue(Guid PartnerId, string PartnerName, Guid FollowUpId, DateOnly DueOn, string Purpose, string? Owner);

public sealed class ListFollowUpsDueHandler(TenantQuerySession tenant) : IRequestHandler<ListFollowUpsDue, IReadOnlyList<FollowUpDue>>
{
    public async Task<IReadOnlyList<FollowUpDue>> Handle(ListFollowUpsDue query, CancellationToken ct)
    {
        var dueBy = query.DueBy;
        var limit = Math.Clamp(query.Limit, 1, 500);
        // Partners by their earliest open follow-up (the column next_follow_up_on and its index): the first `limit` of
        // them hold the first `limit` follow-ups, since every partner ahead of another has a follow-up due no later
        // than all of the other's. Ties between partners keep this order (the index's), so the cut is exact.
        var partners = await tenant.Session.Query<Partner>()
            .Where(p => p.NextFollowUpOn != null && p.NextFollowUpOn <= dueBy)
            .OrderBy(p => p.NextFollowUpOn).ThenBy(p => p.SortName).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .Take(limit)
            .ToListAsync(ct);
        return [.. partners
            .SelectMany((p, rank) => p.FollowUps.Where(f => f.CompletedOn is null && f.DueOn <= dueBy)
                .Select(f => (Rank: rank, Due: new FollowUpDue(p.Id, p.Name, f.FollowUpId, f.DueOn, f.Purpose, f.Owner))))
            .OrderBy(f => f.Due.DueOn).ThenBy(f => f.Rank).ThenBy(f => f.Due.FollowUpId)
            .Take(limit)
            .Select(f => f.Due)];
    }
}
