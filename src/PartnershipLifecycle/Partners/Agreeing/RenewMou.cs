using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>The MOU runs on to a new end date.</summary>
/// <param name="EndsOn">The MOU's new last day.</param>
/// <param name="PreviousEndsOn">The last day it had until now.</param>
public sealed record MouRenewed(DateOnly EndsOn, DateOnly PreviousEndsOn, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Renews the MOU in force for a new term. Allowed in <c>active</c> and <c>paused</c>. <c>POST /api/partners/{id}/mou/renew</c>.</summary>
public sealed record RenewMou(DateOnly EndsOn, DateOnly OccurredOn)
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
    [WolverinePost("/api/partners/{id}/mou/renew"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, RenewMou command)
    {
        if (StageRules.Require<RenewMou>(partner) is { } wrongStage)
        {
            return wrongStage;
        }

        if (partner.ActiveMou is not { } current)
        {
            return Rejection.Conflict(ApiText.Format("Mou.NoneToRenew"));
        }

        return command.EndsOn <= current.EndsOn
            ? Rejection.Invalid("endsOn", ApiText.Format("Mou.RenewBeforeEnd", ("date", ApiText.Day(current.EndsOn))))
            : Decision.Accept(new MouRenewed(command.EndsOn, current.EndsOn, command.OccurredOn));
    }
}
