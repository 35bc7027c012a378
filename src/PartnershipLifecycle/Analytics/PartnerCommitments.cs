using MediatR;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.Analytics;

/// <summary>
/// One partner's commitments against delivery in the MOU year of the institution's today, as one row of
/// <c>GET /api/analytics/commitments</c> gives it (for the web app's partner page, which every role that reads the
/// partner sees; there is no HTTP route of its own). Answers null when the partner is not there (or another
/// institution's) or no MOU runs today by its commitment ledger.
/// </summary>
public sealed record GetPartnerCommitments(string TenantId, Guid PartnerId) : IRequest<CommitmentDelivery?>, IReadsProjections
{
    /// <inheritdoc />
    public TimeSpan CatchUp { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Type> ReadModels => [typeof(CommitmentLedger)];
}

/// <summary>
/// Computes the row from the partner's snapshot and its <see cref="CommitmentLedger"/> exactly as the list's handler
/// (<see cref="AnalyticsQueries"/>) does: placements and guest sessions delivered in the MOU year up to today, mentors
/// as the active contacts with the mentor role, the share of the year elapsed counting today, to four decimals.
/// A test holds the two to the same answer.
/// </summary>
public sealed class PartnerCommitmentsQuery(TenantQuerySession tenant, InstitutionCalendar calendar) : IRequestHandler<GetPartnerCommitments, CommitmentDelivery?>
{
    public async Task<CommitmentDelivery?> Handle(GetPartnerCommitments query, CancellationToken ct)
    {
        var today = calendar.Today(query.TenantId);
        var session = tenant.Session;
        var partner = await session.LoadAsync<Partner>(query.PartnerId, ct);
        var ledger = await session.LoadAsync<CommitmentLedger>(query.PartnerId, ct);
        if (partner is null || ledger?.YearOn(today) is not { } year)
        {
            return null;
        }

        var commitments = ledger.Mou!.Commitments;
        return new CommitmentDelivery(partner.Id, partner.Name, partner.Stage, year.StartsOn, year.EndsBefore,
            Math.Round((today.DayNumber - year.StartsOn.DayNumber + 1) / (double)year.Length, 4),
            new Delivery(commitments.PlacementsPerYear, ledger.PlacementsDelivered(year, today)),
            new Delivery(commitments.Mentors, partner.ActiveContacts.Count(c => c.Role == ContactRole.Mentor)),
            new Delivery(commitments.GuestSessionsPerYear, ledger.GuestSessionsDelivered(year, today)));
    }
}
