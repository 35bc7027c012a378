using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Piloting;

/// <summary>The pilot ended, with the partner's feedback and, where given, a testimonial.</summary>
/// <param name="Rating">How the pilot went, from 1 (poorly) to 5 (very well).</param>
/// <param name="Feedback">The partner's feedback.</param>
/// <param name="Testimonial">A quote the partner allows the institution to use.</param>
public sealed record PilotCompleted(DateOnly OccurredOn, [Score] int Rating, [FreeText] string Feedback, [FreeText] string? Testimonial) : IPartnerEvent;

/// <summary>Completes the pilot with a rating (1 to 5), feedback and an optional testimonial. Allowed in <c>piloting</c>; 409 when it is already completed. <c>POST /api/partners/{id}/pilot/complete</c>.</summary>
public sealed record CompletePilot(DateOnly OccurredOn, int Rating, string Feedback, string? Testimonial = null)
{
    public sealed class Rules : AbstractValidator<CompletePilot>
    {
        public Rules()
        {
            RuleFor(x => x.OccurredOn).PastDate();
            RuleFor(x => x.Rating).Score();
            RuleFor(x => x.Feedback).RequiredText();
            RuleFor(x => x.Testimonial).OptionalText();
        }
    }
}

public static class CompletePilotEndpoint
{
    [WolverinePost("/api/partners/{id}/pilot/complete"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, CompletePilot command)
    {
        if (StageRules.Require<CompletePilot>(partner) is { } wrongStage)
        {
            return wrongStage;
        }

        return partner.Pilot switch
        {
            { CompletedOn: { } done } => Rejection.Conflict(ApiText.Format("Pilot.AlreadyCompleted", ("date", ApiText.Day(done)))),
            _ => Decision.Accept(new PilotCompleted(command.OccurredOn, command.Rating, command.Feedback, command.Testimonial)),
        };
    }
}
