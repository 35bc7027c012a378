using System.Collections.Immutable;
using PartnershipLifecycle.Partners.Agreeing;

namespace PartnershipLifecycle.Partners.Viewing;

/// <summary>The partner as <c>GET /api/partners/{id}</c> shows it, now or as it was.</summary>
public sealed record PartnerView(
    Guid Id,
    string Name,
    string Sector,
    Stage Stage,
    RecruitmentChannel Channel,
    string? Website,
    Guid? ReferredByPartnerId,
    ImmutableArray<Motivation> Motivations,
    DateOnly ProspectedOn,
    DateOnly? LastInteractionOn,
    ImmutableArray<PartnerContact> Contacts,
    MouView? ActiveMou,
    ImmutableArray<FollowUpView> FollowUps,
    PitchSummary? LatestPitch,
    Pilot? Pilot,
    EvaluationSummary? LatestEvaluation,
    Pause? Pause,
    Loss? Loss,
    int Reactivations,
    long Version)
{
    public static PartnerView Of(Partner partner, DateOnly today) => new(
        partner.Id,
        partner.Name,
        partner.Sector,
        partner.Stage,
        partner.Channel,
        partner.Website,
        partner.ReferredByPartnerId,
        partner.Motivations,
        partner.ProspectedOn,
        partner.LastInteractionOn,
        partner.Contacts,
        partner.ActiveMou is { } mou ? MouView.Of(mou) : null,
        [.. partner.FollowUps.Select(f => FollowUpView.Of(f, today))],
        partner.LatestPitch,
        partner.Pilot,
        partner.LatestEvaluation,
        partner.Pause,
        partner.Loss,
        partner.Reactivations,
        partner.Version);
}

public sealed record MouView(
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    Commitments Commitments,
    ImmutableArray<string> PartnerResponsibilities,
    ImmutableArray<string> InstitutionResponsibilities,
    DateOnly? AmendedOn,
    DateOnly? RenewedOn)
{
    public static MouView Of(Mou mou) => new(mou.SignedOn, mou.StartsOn, mou.EndsOn, mou.Commitments,
        mou.PartnerResponsibilities, mou.InstitutionResponsibilities, mou.AmendedOn, mou.RenewedOn);
}

public sealed record FollowUpView(
    Guid FollowUpId,
    DateOnly DueOn,
    string Purpose,
    string? Owner,
    DateOnly ScheduledOn,
    FollowUpStatus Status,
    DateOnly? CompletedOn,
    string? Outcome)
{
    public static FollowUpView Of(FollowUp f, DateOnly today) => new(f.FollowUpId, f.DueOn, f.Purpose, f.Owner, f.ScheduledOn,
        f.CompletedOn is not null ? FollowUpStatus.Completed : f.IsOverdueOn(today) ? FollowUpStatus.Overdue : FollowUpStatus.Scheduled,
        f.CompletedOn, f.Outcome);
}

public enum FollowUpStatus
{
    Scheduled = 1,
    Completed,
    Overdue,
}
