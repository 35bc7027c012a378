using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Pausing;

/// <summary>Capacity change or scheduling trouble: the partnership rests, and can resume.</summary>
/// <param name="Reason">Why the partnership rests.</param>
public sealed record PartnershipPaused([FreeText] string Reason, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Pauses an active partnership, with the reason. Allowed in <c>active</c>. <c>POST /api/partners/{id}/pause</c>.</summary>
public sealed record PausePartnership(string Reason, DateOnly OccurredOn)
{
    public sealed class Rules : AbstractValidator<PausePartnership>
    {
        public Rules()
        {
            RuleFor(x => x.Reason).RequiredText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class PausePartnershipEndpoint
{
    [WolverinePost("/api/partners/{id}/pause"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, PausePartnership command) =>
        StageRules.Require<PausePartnership>(partner)
        ?? Decision.Accept(new PartnershipPaused(command.Reason, command.OccurredOn));
}
