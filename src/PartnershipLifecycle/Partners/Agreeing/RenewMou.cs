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

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>The MOU runs on to a new end date.</summary>
/// <param name="EndsOn">The MOU's new last day.</param>
/// <param name="PreviousEndsOn">The last day it had until now.</param>
public sealed record MouRenewed(DateOnly EndsOn, DateOnly PreviousEndsOn, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/mou/renew</c></summary>
public sealed record RenewMou(DateOnly EndsOn, DateOnly OccurredOn) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<RenewMou>
    {
        public Rules()
        {
            RuleFor(x => x.EndsOn).RequiredDate()
                .NoLaterThan(x => x.OccurredOn, "occurredOn", limits => (limits.MouMaxTermYears, 0));
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class RenewMouEndpoint
{
    private static readonly RenewMou.Rules Rules = new();

    public static ProblemDetails Validate(RenewMou command, InstitutionCalendar calendar, HttpContext http, IOptions<DateLimits> limits) =>
        Validation.Check(command, Rules, calendar, http, limits.Value);

    [WolverinePost("/api/partners/{id}/mou/renew"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, RenewMou command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command);
}

public static class RenewMouHandler
{
    public static Decision Decide(Partner partner, RenewMou command)
    {
        if (StageRules.Require(partner, "renew the MOU", Stage.Active, Stage.Paused) is { } wrongStage)
        {
            return wrongStage;
        }

        if (partner.ActiveMou is not { } current)
        {
            return Rejection.Conflict("The partner has no MOU to renew.");
        }

        return command.EndsOn <= current.EndsOn
            ? Rejection.Invalid("endsOn", $"'endsOn' must be after the MOU's current end ({current.EndsOn:yyyy-MM-dd}).")
            : Decision.Accept(new MouRenewed(command.EndsOn, current.EndsOn, command.OccurredOn));
    }

    public static (CommandOutcome, Events) Handle(
        RenewMou command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
