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

namespace PartnershipLifecycle.Partners.Losing;

/// <summary>The partnership ended, with a reason and the stage it was lost from.</summary>
/// <param name="Reason">Why the partnership ended.</param>
/// <param name="Note">The coordinator's note.</param>
/// <param name="FromStage">The stage the partner was in when it was lost.</param>
public sealed record PartnershipLost(LossReason Reason, [FreeText] string? Note, DateOnly OccurredOn, Stage FromStage) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/lost</c></summary>
public sealed record MarkPartnershipLost(LossReason Reason, DateOnly OccurredOn, string? Note = null) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<MarkPartnershipLost>
    {
        public Rules()
        {
            RuleFor(x => x.Reason).Known();
            RuleFor(x => x.Note).OptionalText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class MarkPartnershipLostEndpoint
{
    private static readonly MarkPartnershipLost.Rules Rules = new();

    public static ProblemDetails Validate(MarkPartnershipLost command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/lost"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, MarkPartnershipLost command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class MarkPartnershipLostHandler
{
    public static Decision Decide(Partner partner, MarkPartnershipLost command) =>
        StageRules.Require(partner, "mark the partnership lost", StageRules.NotLost)
        ?? Decision.Accept(new PartnershipLost(command.Reason, command.Note, command.OccurredOn, partner.Stage));

    public static (CommandOutcome, Events) Handle(
        MarkPartnershipLost command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
