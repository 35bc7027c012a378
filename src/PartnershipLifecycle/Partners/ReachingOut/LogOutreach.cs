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

namespace PartnershipLifecycle.Partners.ReachingOut;

/// <summary>Outreach to the partner; the first one moves a prospect to <c>contacted</c>.</summary>
/// <param name="Summary">What the outreach said or asked.</param>
public sealed record OutreachLogged(OutreachChannel Channel, [FreeText] string Summary, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/outreach</c></summary>
public sealed record LogOutreach(OutreachChannel Channel, string Summary, DateOnly OccurredOn) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<LogOutreach>
    {
        public Rules()
        {
            RuleFor(x => x.Channel).Known();
            RuleFor(x => x.Summary).RequiredText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class LogOutreachEndpoint
{
    private static readonly LogOutreach.Rules Rules = new();

    public static ProblemDetails Validate(LogOutreach command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/outreach"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, LogOutreach command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class LogOutreachHandler
{
    public static Decision Decide(Partner partner, LogOutreach command) =>
        StageRules.Require(partner, "log outreach", StageRules.NotLost)
        ?? Decision.Accept(new OutreachLogged(command.Channel, command.Summary, command.OccurredOn));

    public static (CommandOutcome, Events) Handle(
        LogOutreach command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
