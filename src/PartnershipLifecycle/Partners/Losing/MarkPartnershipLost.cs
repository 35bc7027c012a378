using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Losing;

/// <summary>The partnership ended, with a reason and the stage it was lost from.</summary>
/// <param name="Reason">Why the partnership ended.</param>
/// <param name="Note">The coordinator's note.</param>
/// <param name="FromStage">The stage the partner was in when it was lost.</param>
public sealed record PartnershipLost(LossReason Reason, [FreeText] string? Note, DateOnly OccurredOn, Stage FromStage) : IPartnerEvent;

/// <summary>Marks the partnership lost, with the reason. Allowed in every stage but <c>lost</c>. <c>POST /api/partners/{id}/lost</c>.</summary>
public sealed record MarkPartnershipLost(LossReason Reason, DateOnly OccurredOn, string? Note = null)
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
    [WolverinePost("/api/partners/{id}/lost"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, MarkPartnershipLost command) =>
        StageRules.Require<MarkPartnershipLost>(partner, "mark the partnership lost")
        ?? Decision.Accept(new PartnershipLost(command.Reason, command.Note, command.OccurredOn, partner.Stage));
}
