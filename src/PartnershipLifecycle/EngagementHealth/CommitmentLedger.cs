using System.Collections.Immutable;
using JasperFx.Events;
using Marten.Events.Aggregation;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;

namespace PartnershipLifecycle.EngagementHealth;

/// <summary>The MOU's term and the commitments in force; <see cref="AmendedOn"/> is the business date of the latest amendment.</summary>
public sealed record MouTerms(DateOnly StartsOn, DateOnly EndsOn, Commitments Commitments, DateOnly? AmendedOn = null);

public sealed record DeliveredEngagement(EngagementType Type, DateOnly On, int StudentsReached, decimal Hours);

/// <summary>The MOU year a date falls in: the n-th anniversary of the MOU's start up to the next one.</summary>
public sealed record MouYear(DateOnly StartsOn, DateOnly EndsBefore)
{
    public int Length => EndsBefore.DayNumber - StartsOn.DayNumber;

    public bool Contains(DateOnly day) => day >= StartsOn && day < EndsBefore;
}

/// <summary>
/// What a partner committed to under its MOU and what it delivered: the facts behind the placements
/// factor of engagement health and the commitments analytics. One document per partner.
/// </summary>
public sealed record CommitmentLedger
{
    public Guid Id { get; init; }
    public MouTerms? Mou { get; init; }
    public ImmutableArray<DeliveredEngagement> Engagements { get; init; } = [];

    /// <summary>The MOU year <paramref name="today"/> falls in, or null when no MOU runs that day.</summary>
    public MouYear? YearOn(DateOnly today)
    {
        if (Mou is not { } mou || today < mou.StartsOn || today > mou.EndsOn)
        {
            return null;
        }

        var start = mou.StartsOn;
        while (start.AddYears(1) <= today)
        {
            start = start.AddYears(1);
        }

        return new MouYear(start, start.AddYears(1));
    }

    /// <summary>Students placed in work placements between the year's start and <paramref name="today"/>.</summary>
    public int PlacementsDelivered(MouYear year, DateOnly today) => Delivered(year, today, EngagementType.WorkPlacement).Sum(e => e.StudentsReached);

    public int GuestSessionsDelivered(MouYear year, DateOnly today) => Delivered(year, today, EngagementType.GuestTalk).Count();

    public int MentoringSessionsDelivered(MouYear year, DateOnly today) => Delivered(year, today, EngagementType.MentoringSession).Count();

    private IEnumerable<DeliveredEngagement> Delivered(MouYear year, DateOnly today, EngagementType type) =>
        Engagements.Where(e => e.Type == type && year.Contains(e.On) && e.On <= today);
}

/// <summary>Keeps <see cref="CommitmentLedger"/> in Marten's async daemon.</summary>
public partial class CommitmentLedgerProjection : SingleStreamProjection<CommitmentLedger, Guid>
{
    public CommitmentLedger Create(IEvent<ProspectIdentified> e) => new() { Id = e.StreamId };

    public CommitmentLedger Apply(MouSigned e, CommitmentLedger ledger) => ledger with { Mou = new MouTerms(e.StartsOn, e.EndsOn, e.Commitments) };

    // As the partner: the latest amendment by business date, the furthest end.
    public CommitmentLedger Apply(MouAmended e, CommitmentLedger ledger) =>
        ledger with { Mou = ledger.Mou is null || ledger.Mou.AmendedOn > e.OccurredOn ? ledger.Mou : ledger.Mou with { Commitments = e.Commitments, AmendedOn = e.OccurredOn } };

    public CommitmentLedger Apply(MouRenewed e, CommitmentLedger ledger) =>
        ledger with { Mou = ledger.Mou is null || ledger.Mou.EndsOn >= e.EndsOn ? ledger.Mou : ledger.Mou with { EndsOn = e.EndsOn } };

    public CommitmentLedger Apply(PartnershipLost e, CommitmentLedger ledger) => ledger with { Mou = null };

    public CommitmentLedger Apply(EngagementDelivered e, CommitmentLedger ledger) =>
        ledger with { Engagements = ledger.Engagements.Add(new DeliveredEngagement(e.Type, e.OccurredOn, e.StudentsReached, e.Hours)) };
}
