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

/// <summary>Capacity change or scheduling trouble: the partnership rests, and can resume.</summary>
/// <param name="Reason">Why the partnership rests.</param>
public sealed record PartnershipPaused([FreeText] string Reason, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/pause</c></summary>
public sealed record PausePartnership(string Reason, DateOnly OccurredOn) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<PausePartnership>
    {
        public Rules()
        {
            RuleFor(x => x.Reason).RequiredText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class PausePartnershipEndpoint
{
    private static readonly PausePartnership.Rules Rules = new();

    public static ProblemDetails Validate(PausePartnership command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/pause"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, PausePartnership command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class PausePartnershipHandler
{
    public static Decision Decide(Partner partner, PausePartnership command) =>
        StageRules.Require(partner, "pause the partnership", Stage.Active)
        ?? Decision.Accept(new PartnershipPaused(command.Reason, command.OccurredOn));

    public static (CommandOutcome, Events) Handle(
        PausePartnership command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
