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

namespace PartnershipLifecycle.Partners.Piloting;

/// <summary>The pilot ended, with the partner's feedback and, where given, a testimonial.</summary>
/// <param name="Rating">How the pilot went, from 1 (poorly) to 5 (very well).</param>
/// <param name="Feedback">The partner's feedback.</param>
/// <param name="Testimonial">A quote the partner allows the institution to use.</param>
public sealed record PilotCompleted(DateOnly OccurredOn, [Score] int Rating, [FreeText] string Feedback, [FreeText] string? Testimonial) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/pilot/complete</c></summary>
public sealed record CompletePilot(DateOnly OccurredOn, int Rating, string Feedback, string? Testimonial = null) : PartnerCommand
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
    private static readonly CompletePilot.Rules Rules = new();

    public static ProblemDetails Validate(CompletePilot command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/pilot/complete"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, CompletePilot command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class CompletePilotHandler
{
    public static Decision Decide(Partner partner, CompletePilot command)
    {
        if (StageRules.Require(partner, "complete a pilot", Stage.Piloting) is { } wrongStage)
        {
            return wrongStage;
        }

        return partner.Pilot switch
        {
            { CompletedOn: { } done } => Rejection.Conflict($"The pilot was already completed on {done:yyyy-MM-dd}."),
            _ => Decision.Accept(new PilotCompleted(command.OccurredOn, command.Rating, command.Feedback, command.Testimonial)),
        };
    }

    public static (CommandOutcome, Events) Handle(
        CompletePilot command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
