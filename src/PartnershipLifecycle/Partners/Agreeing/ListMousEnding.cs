using Marten;
using MediatR;
using PartnershipLifecycle.Platform.Queries;

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>
/// The tenant's partners whose MOU in force ends on or before <see cref="EndsBy"/> (a business date; the web app's
/// Today asks for today + <c>Mou:RemindBefore</c>), soonest end first, then in the partner list's name order. At most <see cref="Limit"/> (1 to 500).
/// </summary>
public sealed record ListMousEnding(string TenantId, DateOnly EndsBy, int Limit = 100) : IRequest<IReadOnlyList<MouEnding>>, ITenantQuery;

/// <summary>A partner's MOU that ends soon: <c>EndsOn</c> is its last day.</summary>
public sealed record MouEnding(Guid PartnerId, string PartnerName, Stage Stage, DateOnly SignedOn, DateOnly EndsOn);

public sealed class ListMousEndingHandler(TenantQuerySession tenant) : IRequestHandler<ListMousEnding, IReadOnlyList<MouEnding>>
{
    public async Task<IReadOnlyList<MouEnding>> Handle(ListMousEnding query, CancellationToken ct)
    {
        var endsBy = query.EndsBy;
        // The column mou_ends_on (null once lost) and its index, in the answer's order.
        var partners = await tenant.Session.Query<Partner>()
            .Where(p => p.MouEndsOn != null && p.MouEndsOn <= endsBy)
            .OrderBy(p => p.MouEndsOn).ThenBy(p => p.SortName).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .Take(Math.Clamp(query.Limit, 1, 500))
            .ToListAsync(ct);
        return [.. partners.Select(p => new MouEnding(p.Id, p.Name, p.Stage, p.ActiveMou!.SignedOn, p.ActiveMou.EndsOn))];
    }
}
