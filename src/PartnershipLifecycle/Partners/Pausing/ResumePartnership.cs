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

namespace PartnershipLifecycle.Partners.Pausing;

/// <summary>A paused partnership is active again.</summary>
public sealed record PartnershipResumed(DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/resume</c></summary>
public sealed record ResumePartnership(DateOnly OccurredOn) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<ResumePartnership>
    {
        public Rules() => RuleFor(x => x.OccurredOn).PastDate();
    }
}

public static class ResumePartnershipEndpoint
{
    private static readonly ResumePartnership.Rules Rules = new();

    public static ProblemDetails Validate(ResumePartnership command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/resume"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, ResumePartnership command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class ResumePartnershipHandler
{
    public static Decision Decide(Partner partner, ResumePartnership command) =>
        StageRules.Require(partner, "resume the partnership", Stage.Paused)
        ?? Decision.Accept(new PartnershipResumed(command.OccurredOn)); // not before the pause: BusinessDates

    public static (CommandOutcome, Events) Handle(
        ResumePartnership command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
