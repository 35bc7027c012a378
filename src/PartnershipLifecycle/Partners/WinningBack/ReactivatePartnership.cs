using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.WinningBack;

/// <summary>A lost partner is re-approached (win-back): back to <c>prospect</c>, its history kept.</summary>
/// <param name="Channel">How the partner was approached again.</param>
/// <param name="Note">The coordinator's note.</param>
public sealed record PartnershipReactivated(RecruitmentChannel Channel, [FreeText] string? Note, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Reactivates a lost partner (a win-back): a new cycle begins. Allowed in <c>lost</c>. <c>POST /api/partners/{id}/reactivate</c>.</summary>
public sealed record ReactivatePartnership(RecruitmentChannel Channel, DateOnly OccurredOn, string? Note = null)
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
    [WolverinePost("/api/partners/{id}/reactivate"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, ReactivatePartnership command) =>
        StageRules.Require<ReactivatePartnership>(partner)
        ?? Decision.Accept(new PartnershipReactivated(command.Channel, command.Note, command.OccurredOn));
}
