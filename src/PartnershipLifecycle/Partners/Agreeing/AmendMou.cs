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

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>The MOU's commitments changed.</summary>
/// <param name="Commitments">The commitments from now on, in full.</param>
/// <param name="Reason">Why they changed.</param>
public sealed record MouAmended(Commitments Commitments, DateOnly OccurredOn, [FreeText] string Reason) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/mou/amend</c></summary>
public sealed record AmendMou(Commitments Commitments, DateOnly OccurredOn, string Reason) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<AmendMou>
    {
        public Rules()
        {
            RuleFor(x => x.Commitments).NotNull().WithMessage("'commitments' is required.").SetValidator(new Commitments.Rules());
            RuleFor(x => x.OccurredOn).PastDate();
            RuleFor(x => x.Reason).RequiredText();
        }
    }
}

public static class AmendMouEndpoint
{
    private static readonly AmendMou.Rules Rules = new();

    public static ProblemDetails Validate(AmendMou command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/mou/amend"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, AmendMou command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class AmendMouHandler
{
    public static Decision Decide(Partner partner, AmendMou command) =>
        StageRules.Require(partner, "amend the MOU", Stage.Active, Stage.Paused)
        ?? Decision.Accept(new MouAmended(command.Commitments, command.OccurredOn, command.Reason));

    public static (CommandOutcome, Events) Handle(
        AmendMou command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
