namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>What the partner commits to per MOU year.</summary>
public sealed record Commitments(
    int PlacementsPerYear,
    int Mentors,
    int GuestSessionsPerYear,
    bool AdvisoryBoardSeat,
    string? InKind = null,
    decimal? FinancialContribution = null);

/// <summary>The memorandum of understanding is signed; the partner becomes <c>active</c>.</summary>
public sealed record MouSigned(
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    Commitments Commitments,
    IReadOnlyList<string> PartnerResponsibilities,
    IReadOnlyList<string> InstitutionResponsibilities) : IPartnerEvent
{
    DateOnly IPartnerEvent.OccurredOn => SignedOn;
}
