using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Agreeing;

/// <summary>The MOU's commitments changed.</summary>
/// <param name="Commitments">The commitments from now on, in full.</param>
/// <param name="Reason">Why they changed.</param>
public sealed record MouAmended(Commitments Commitments, DateOnly OccurredOn, [FreeText] string Reason) : IPartnerEvent;

/// <summary>Amends the commitments of the MOU in force. Allowed in <c>active</c> and <c>paused</c>. <c>POST /api/partners/{id}/mou/amend</c>.</summary>
public sealed record AmendMou(Commitments Commitments, DateOnly OccurredOn, string Reason)
{
    public sealed class Rules : AbstractValidator<AmendMou>
    {
        public Rules()
        {
            RuleFor(x => x.Commitments).NotNull().WithMessage(_ => ApiText.Format("Field.RequiredNamed", ("field", "commitments"))).SetValidator(new Commitments.Rules());
            RuleFor(x => x.OccurredOn).PastDate();
            RuleFor(x => x.Reason).RequiredText();
        }
    }
}

public static class AmendMouEndpoint
{
    [WolverinePost("/api/partners/{id}/mou/amend"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, AmendMou command) =>
        StageRules.Require<AmendMou>(partner)
        ?? Decision.Accept(new MouAmended(command.Commitments, command.OccurredOn, command.Reason));
}
