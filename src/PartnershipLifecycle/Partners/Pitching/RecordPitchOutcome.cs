using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;

using PartnershipLifecycle.Partners.Losing;

namespace PartnershipLifecycle.Partners.Pitching;

/// <summary>How the partner answered the latest pitch; <c>declined</c> comes with <c>partnership_lost</c>.</summary>
/// <param name="Outcome">The partner's answer.</param>
/// <param name="Reason">Why, as the partner put it.</param>
public sealed record PitchOutcomeRecorded(PitchOutcome Outcome, [FreeText] string? Reason, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/pitch-outcome</c>; <c>declined</c> also loses the partner (<c>declined_pitch</c>).</summary>
public sealed record RecordPitchOutcome(PitchOutcome Outcome, DateOnly OccurredOn, string? Reason = null)
{
    public sealed class Rules : AbstractValidator<RecordPitchOutcome>
    {
        public Rules()
        {
            RuleFor(x => x.Outcome).Known();
            RuleFor(x => x.Reason).OptionalText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class RecordPitchOutcomeEndpoint
{
    [WolverinePost("/api/partners/{id}/pitch-outcome"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, RecordPitchOutcome command)
    {
        if (StageRules.Require<RecordPitchOutcome>(partner) is { } wrongStage)
        {
            return wrongStage;
        }

        var recorded = new PitchOutcomeRecorded(command.Outcome, command.Reason, command.OccurredOn);
        return command.Outcome == PitchOutcome.Declined
            ? Decision.Accept(recorded, new PartnershipLost(LossReason.DeclinedPitch, command.Reason, command.OccurredOn, partner.Stage))
            : Decision.Accept(recorded);
    }
}
