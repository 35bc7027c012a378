using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Pitching;

/// <summary>A value proposition delivered to the partner; moves it to <c>pitched</c>.</summary>
/// <param name="ValueProposition">What the partnership offers the partner, in the coordinator's words.</param>
/// <param name="Offerings">What the institution offers the partner, or asks of it.</param>
public sealed record PitchDelivered([FreeText] string ValueProposition, [ListSize(Min = 1)] IReadOnlyList<Offering> Offerings, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Delivers a value proposition with what the institution offers or asks; moves the partner to <c>pitched</c>. Allowed in <c>contacted</c> and <c>pitched</c>. <c>POST /api/partners/{id}/pitches</c>.</summary>
public sealed record DeliverPitch(string ValueProposition, IReadOnlyList<Offering> Offerings, DateOnly OccurredOn)
{
    public sealed class Rules : AbstractValidator<DeliverPitch>
    {
        public Rules()
        {
            RuleFor(x => x.ValueProposition).RequiredText();
            RuleFor(x => x.Offerings).NotEmpty().WithMessage(_ => ApiText.Format("Pitch.NoOffering"));
            RuleForEach(x => x.Offerings).Known();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class DeliverPitchEndpoint
{
    [WolverinePost("/api/partners/{id}/pitches"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, DeliverPitch command) =>
        StageRules.Require<DeliverPitch>(partner)
        ?? Decision.Accept(new PitchDelivered(command.ValueProposition, command.Offerings.Distinct().ToArray(), command.OccurredOn));
}
