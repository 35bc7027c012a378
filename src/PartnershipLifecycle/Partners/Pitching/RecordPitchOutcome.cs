using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

using PartnershipLifecycle.Partners.Losing;

namespace PartnershipLifecycle.Partners.Pitching;

/// <summary>How the partner answered the latest pitch; <c>declined</c> comes with <c>partnership_lost</c>.</summary>
/// <param name="Outcome">The partner's answer.</param>
/// <param name="Reason">Why, as the partner put it.</param>
public sealed record PitchOutcomeRecorded(PitchOutcome Outcome, [FreeText] string? Reason, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/pitch-outcome</c>; <c>declined</c> also loses the partner (<c>declined_pitch</c>).</summary>
public sealed record RecordPitchOutcome(PitchOutcome Outcome, DateOnly OccurredOn, string? Reason = null) : PartnerCommand
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
    private static readonly RecordPitchOutcome.Rules Rules = new();

    public static ProblemDetails Validate(RecordPitchOutcome command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/pitch-outcome"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, RecordPitchOutcome command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class RecordPitchOutcomeHandler
{
    public static Decision Decide(Partner partner, RecordPitchOutcome command)
    {
        if (StageRules.Require(partner, "record a pitch outcome", Stage.Pitched) is { } wrongStage)
        {
            return wrongStage;
        }

        var recorded = new PitchOutcomeRecorded(command.Outcome, command.Reason, command.OccurredOn);
        return command.Outcome == PitchOutcome.Declined
            ? Decision.Accept(recorded, new PartnershipLost(LossReason.DeclinedPitch, command.Reason, command.OccurredOn, partner.Stage))
            : Decision.Accept(recorded);
    }

    public static (CommandOutcome, Events) Handle(
        RecordPitchOutcome command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
