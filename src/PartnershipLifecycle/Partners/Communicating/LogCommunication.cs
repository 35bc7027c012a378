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

namespace PartnershipLifecycle.Partners.Communicating;

/// <summary>A programme update, meeting or newsletter ("systematic and regular programme communication", seed 001).</summary>
/// <param name="Direction">Whether the institution reached out (<c>outbound</c>) or the partner did (<c>inbound</c>).</param>
/// <param name="Summary">What was said or sent.</param>
public sealed record CommunicationLogged(CommunicationChannel Channel, CommunicationDirection Direction, [FreeText] string Summary, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/communications</c></summary>
public sealed record LogCommunication(CommunicationChannel Channel, CommunicationDirection Direction, string Summary, DateOnly OccurredOn) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<LogCommunication>
    {
        public Rules()
        {
            RuleFor(x => x.Channel).Known();
            RuleFor(x => x.Direction).Known();
            RuleFor(x => x.Summary).RequiredText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class LogCommunicationEndpoint
{
    private static readonly LogCommunication.Rules Rules = new();

    public static ProblemDetails Validate(LogCommunication command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/communications"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, LogCommunication command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class LogCommunicationHandler
{
    public static Decision Decide(Partner partner, LogCommunication command) =>
        StageRules.Require(partner, "log a communication", StageRules.NotLost)
        ?? Decision.Accept(new CommunicationLogged(command.Channel, command.Direction, command.Summary, command.OccurredOn));

    public static (CommandOutcome, Events) Handle(
        LogCommunication command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
