using Marten;
using MediatR;
using PartnershipLifecycle.Platform.Queries;

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>
/// The tenant's partners whose MOU in force ends on or before <see cref="EndsBy"/> (a business date; the web app's
/// Today asks for today + <c>Mou:RemindBefore</c>), soonest end first. At most <see cref="Limit"/> (1 to 500).
/// </summary>
public sealed record ListMousEnding(string TenantId, DateOnly EndsBy, int Limit = 100) : IRequest<IReadOnlyList<MouEnding>>, ITenantQuery;

/// <summary>A partner's MOU that ends soon: <c>EndsOn</c> is its last day.</summary>
public sealed record MouEnding(Guid PartnerId, string PartnerName, Stage Stage, DateOnly SignedOn, DateOnly EndsOn);

public sealed class ListMousEndingHandler(TenantQuerySession tenant) : IRequestHandler<ListMousEnding, IReadOnlyList<MouEnding>>
{
    public async Task<IReadOnlyList<MouEnding>> Handle(ListMousEnding query, CancellationToken ct)
    {
        var endsBy = query.EndsBy;
        var partners = await tenant.Session.Query<Partner>()
            .Where(p => p.ActiveMou != null && p.ActiveMou.EndsOn <= endsBy && p.Stage != Stage.Lost)
            .OrderBy(p => p.ActiveMou!.EndsOn)
            .Take(Math.Clamp(query.Limit, 1, 500))
            .ToListAsync(ct);
        return [.. partners.Select(p => new MouEnding(p.Id, p.Name, p.Stage, p.ActiveMou!.SignedOn, p.ActiveMou.EndsOn))];
    }
}
