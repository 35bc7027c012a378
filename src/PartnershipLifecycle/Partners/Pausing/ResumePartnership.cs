using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Pausing;

/// <summary>A paused partnership is active again.</summary>
public sealed record PartnershipResumed(DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Resumes a paused partnership; moves it back to <c>active</c>. Allowed in <c>paused</c>. <c>POST /api/partners/{id}/resume</c>.</summary>
public sealed record ResumePartnership(DateOnly OccurredOn)
{
    public sealed class Rules : AbstractValidator<ResumePartnership>
    {
        public Rules() => RuleFor(x => x.OccurredOn).PastDate();
    }
}

public static class ResumePartnershipEndpoint
{
    [WolverinePost("/api/partners/{id}/resume"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, ResumePartnership command) =>
        StageRules.Require<ResumePartnership>(partner)
        ?? Decision.Accept(new PartnershipResumed(command.OccurredOn)); // not before the pause: BusinessDates
}
