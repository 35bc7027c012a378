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

namespace PartnershipLifecycle.Partners.WinningBack;

/// <summary>A lost partner is re-approached (win-back): back to <c>prospect</c>, its history kept.</summary>
/// <param name="Channel">How the partner was approached again.</param>
/// <param name="Note">The coordinator's note.</param>
public sealed record PartnershipReactivated(RecruitmentChannel Channel, [FreeText] string? Note, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/reactivate</c></summary>
public sealed record ReactivatePartnership(RecruitmentChannel Channel, DateOnly OccurredOn, string? Note = null) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<ReactivatePartnership>
    {
        public Rules()
        {
            RuleFor(x => x.Channel).Known();
            RuleFor(x => x.Note).OptionalText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class ReactivatePartnershipEndpoint
{
    private static readonly ReactivatePartnership.Rules Rules = new();

    public static ProblemDetails Validate(ReactivatePartnership command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/reactivate"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, ReactivatePartnership command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class ReactivatePartnershipHandler
{
    public static Decision Decide(Partner partner, ReactivatePartnership command) =>
        StageRules.Require(partner, "reactivate the partner", Stage.Lost)
        ?? Decision.Accept(new PartnershipReactivated(command.Channel, command.Note, command.OccurredOn));

    public static (CommandOutcome, Events) Handle(
        ReactivatePartnership command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
