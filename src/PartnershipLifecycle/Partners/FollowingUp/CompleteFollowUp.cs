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

namespace PartnershipLifecycle.Partners.FollowingUp;

/// <summary>A scheduled follow-up took place.</summary>
/// <param name="FollowUpId">The follow-up of <c>follow_up_scheduled</c>.</param>
/// <param name="Outcome">What came of it.</param>
public sealed record FollowUpCompleted(Guid FollowUpId, DateOnly OccurredOn, [FreeText] string? Outcome) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/follow-ups/{followUpId}/complete</c></summary>
public sealed record CompleteFollowUp(DateOnly OccurredOn, string? Outcome = null) : PartnerCommand
{
    /// <summary>From the route.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public Guid FollowUpId { get; init; }

    public sealed class Rules : AbstractValidator<CompleteFollowUp>
    {
        public Rules()
        {
            RuleFor(x => x.OccurredOn).PastDate();
            RuleFor(x => x.Outcome).OptionalText();
        }
    }
}

public static class CompleteFollowUpEndpoint
{
    private static readonly CompleteFollowUp.Rules Rules = new();

    public static ProblemDetails Validate(CompleteFollowUp command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/follow-ups/{followUpId}/complete"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, Guid followUpId, CompleteFollowUp command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command with { FollowUpId = followUpId });
}

public static class CompleteFollowUpHandler
{
    public static Decision Decide(Partner partner, CompleteFollowUp command)
    {
        if (StageRules.Require(partner, "complete a follow-up", StageRules.NotLost) is { } wrongStage)
        {
            return wrongStage;
        }

        return partner.FindFollowUp(command.FollowUpId) switch
        {
            null => Rejection.NotFound($"Partner {partner.Id} has no follow-up {command.FollowUpId}."),
            { CompletedOn: { } done } => Rejection.Conflict($"Follow-up {command.FollowUpId} was already completed on {done:yyyy-MM-dd}."),
            _ => Decision.Accept(new FollowUpCompleted(command.FollowUpId, command.OccurredOn, command.Outcome)),
        };
    }

    public static (CommandOutcome, Events) Handle(
        CompleteFollowUp command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
