using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>What the partner commits to per MOU year.</summary>
/// <param name="PlacementsPerYear">Work placements the partner hosts each year.</param>
/// <param name="Mentors">Mentors the partner provides.</param>
/// <param name="GuestSessionsPerYear">Guest talks or sessions each year.</param>
/// <param name="AdvisoryBoardSeat">Whether the partner takes a seat on the programme's advisory board.</param>
/// <param name="InKind">In-kind contributions, e.g. equipment or software licences.</param>
/// <param name="FinancialContribution">Money the partner contributes each year.</param>
public sealed record Commitments(
    [Between(0, 10_000)] int PlacementsPerYear,
    [Between(0, 10_000)] int Mentors,
    [Between(0, 10_000)] int GuestSessionsPerYear,
    bool AdvisoryBoardSeat,
    [FreeText] string? InKind = null,
    [NotNegative] decimal? FinancialContribution = null)
{
    public sealed class Rules : AbstractValidator<Commitments>
    {
        public Rules()
        {
            RuleFor(x => x.PlacementsPerYear).InclusiveBetween(0, 10_000).WithMessage(_ => ApiText.Format("Number.Range", ("field", "{PropertyName}"), ("min", 0), ("max", 10_000)));
            RuleFor(x => x.Mentors).InclusiveBetween(0, 10_000).WithMessage(_ => ApiText.Format("Number.Range", ("field", "{PropertyName}"), ("min", 0), ("max", 10_000)));
            RuleFor(x => x.GuestSessionsPerYear).InclusiveBetween(0, 10_000).WithMessage(_ => ApiText.Format("Number.Range", ("field", "{PropertyName}"), ("min", 0), ("max", 10_000)));
            RuleFor(x => x.InKind).OptionalText();
            RuleFor(x => x.FinancialContribution).GreaterThanOrEqualTo(0).WithMessage(_ => ApiText.Format("Number.NotNegative"));
        }
    }
}

/// <summary>The memorandum of understanding is signed; the partner becomes <c>active</c>.</summary>
/// <param name="SignedOn">The day both sides signed (the event's business date).</param>
/// <param name="StartsOn">The MOU's first day.</param>
/// <param name="EndsOn">The MOU's last day, after its start; it may be renewed.</param>
/// <param name="PartnerResponsibilities">What the partner undertakes.</param>
/// <param name="InstitutionResponsibilities">What the institution undertakes.</param>
public sealed record MouSigned(
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    Commitments Commitments,
    [ListSize(Max = Limits.ListItems), FreeText] IReadOnlyList<string> PartnerResponsibilities,
    [ListSize(Max = Limits.ListItems), FreeText] IReadOnlyList<string> InstitutionResponsibilities) : IPartnerEvent
{
    DateOnly IPartnerEvent.OccurredOn => SignedOn;
}

/// <summary>Signs a memorandum of understanding: its term and the partner's commitments; moves the partner to <c>active</c>. Allowed in <c>pitched</c> and <c>piloting</c>. <c>POST /api/partners/{id}/mou</c>.</summary>
public sealed record SignMou(
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    Commitments Commitments,
    IReadOnlyList<string>? PartnerResponsibilities = null,
    IReadOnlyList<string>? InstitutionResponsibilities = null)
{
    public sealed class Rules : AbstractValidator<SignMou>
    {
        public Rules()
        {
            RuleFor(x => x.SignedOn).PastDate();
            RuleFor(x => x.StartsOn).RequiredDate()
                .NoLaterThan(x => x.SignedOn, "signedOn", limits => (limits.MouMaxTermYears, 0));
            RuleFor(x => x.EndsOn).RequiredDate()
                .GreaterThan(x => x.StartsOn).WithMessage(_ => ApiText.Format("Date.AfterField", ("field", "endsOn"), ("other", "startsOn")))
                .GreaterThan(x => x.SignedOn).WithMessage(_ => ApiText.Format("Date.AfterField", ("field", "endsOn"), ("other", "signedOn")))
                .NoLaterThan(x => x.StartsOn, "startsOn", limits => (limits.MouMaxTermYears, 0));
            RuleFor(x => x.Commitments).NotNull().WithMessage(_ => ApiText.Format("Field.RequiredNamed", ("field", "commitments"))).SetValidator(new Commitments.Rules());
            RuleFor(x => x.PartnerResponsibilities).TextItems();
            RuleFor(x => x.InstitutionResponsibilities).TextItems();
        }
    }
}

public static class SignMouEndpoint
{
    [WolverinePost("/api/partners/{id}/mou"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, SignMou command) =>
        StageRules.Require<SignMou>(partner)
        ?? Decision.Accept(new MouSigned(command.SignedOn, command.StartsOn, command.EndsOn, command.Commitments,
            command.PartnerResponsibilities ?? [], command.InstitutionResponsibilities ?? []));
}
