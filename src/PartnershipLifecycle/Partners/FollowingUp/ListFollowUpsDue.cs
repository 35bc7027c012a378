using Marten;
using MediatR;
using PartnershipLifecycle.Platform.Queries;

namespace PartnershipLifecycle.Partners.FollowingUp;

/// <summary>
/// The tenant's open follow-ups (not completed) due on or before <see cref="DueBy"/> (a business date), overdue ones
/// included, earliest due first, then by partner name. At most <see cref="Limit"/> (1 to 500) follow-ups.
/// </summary>
public sealed record ListFollowUpsDue(string TenantId, DateOnly DueBy, int Limit = 100) : IRequest<IReadOnlyList<FollowUpDue>>, ITenantQuery;

/// <summary>An open follow-up with its partner's id and name.</summary>
public sealed record FollowUpDue(Guid PartnerId, string PartnerName, Guid FollowUpId, DateOnly DueOn, string Purpose, string? Owner);

public sealed class ListFollowUpsDueHandler(TenantQuerySession tenant) : IRequestHandler<ListFollowUpsDue, IReadOnlyList<FollowUpDue>>
{
    public async Task<IReadOnlyList<FollowUpDue>> Handle(ListFollowUpsDue query, CancellationToken ct)
    {
        var dueBy = query.DueBy;
        var partners = await tenant.Session.Query<Partner>()
            .Where(p => p.FollowUps.Any(f => f.CompletedOn == null && f.DueOn <= dueBy))
            .ToListAsync(ct);
        return [.. partners
            .SelectMany(p => p.FollowUps.Where(f => f.CompletedOn is null && f.DueOn <= dueBy)
                .Select(f => new FollowUpDue(p.Id, p.Name, f.FollowUpId, f.DueOn, f.Purpose, f.Owner)))
            .OrderBy(f => f.DueOn).ThenBy(f => f.PartnerName, StringComparer.CurrentCultureIgnoreCase).ThenBy(f => f.FollowUpId)
            .Take(Math.Clamp(query.Limit, 1, 500))];
    }
}
