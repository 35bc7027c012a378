using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PartnershipLifecycle.Partners.Piloting;

/// <summary>An optional pilot or demonstration; moves the partner to <c>piloting</c>.</summary>
/// <param name="Description">What the pilot tries out.</param>
/// <param name="StartsOn">The pilot's first day (the event's business date).</param>
/// <param name="EndsOn">The pilot's planned last day, after its start.</param>
public sealed record PilotStarted([FreeText] string Description, DateOnly StartsOn, DateOnly EndsOn) : IPartnerEvent
{
    DateOnly IPartnerEvent.OccurredOn => StartsOn;
}

/// <summary><c>POST /api/partners/{id}/pilot</c></summary>
public sealed record StartPilot(string Description, DateOnly StartsOn, DateOnly EndsOn) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<StartPilot>
    {
        public Rules()
        {
            RuleFor(x => x.Description).RequiredText();
            RuleFor(x => x.StartsOn).PastDate();
            RuleFor(x => x.EndsOn).RequiredDate()
                .GreaterThanOrEqualTo(x => x.StartsOn).WithMessage("'endsOn' may not be before 'startsOn'.")
                .NoLaterThan(x => x.StartsOn, "startsOn", limits => (0, limits.PilotMaxDays));
        }
    }
}

public static class StartPilotEndpoint
{
    private static readonly StartPilot.Rules Rules = new();

    public static ProblemDetails Validate(StartPilot command, InstitutionCalendar calendar, HttpContext http, IOptions<DateLimits> limits) =>
        Validation.Check(command, Rules, calendar, http, limits.Value);

    [WolverinePost("/api/partners/{id}/pilot"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, StartPilot command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class StartPilotHandler
{
    public static Decision Decide(Partner partner, StartPilot command) =>
        StageRules.Require(partner, "start a pilot", Stage.Pitched)
        ?? Decision.Accept(new PilotStarted(command.Description, command.StartsOn, command.EndsOn));

    public static (CommandOutcome, Events) Handle(
        StartPilot command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
