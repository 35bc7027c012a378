using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.ReachingOut;

/// <summary>Outreach to the partner; the first one moves a prospect to <c>contacted</c>.</summary>
/// <param name="Summary">What the outreach said or asked.</param>
public sealed record OutreachLogged(OutreachChannel Channel, [FreeText] string Summary, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Records an approach to the partner (channel and summary); the first moves a prospect to <c>contacted</c>. Allowed in every stage but <c>lost</c>. <c>POST /api/partners/{id}/outreach</c>.</summary>
public sealed record LogOutreach(OutreachChannel Channel, string Summary, DateOnly OccurredOn)
{
    public sealed class Rules : AbstractValidator<LogOutreach>
    {
        public Rules()
        {
            RuleFor(x => x.Channel).Known();
            RuleFor(x => x.Summary).RequiredText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class LogOutreachEndpoint
{
    [WolverinePost("/api/partners/{id}/outreach"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, LogOutreach command) =>
        StageRules.Require<LogOutreach>(partner)
        ?? Decision.Accept(new OutreachLogged(command.Channel, command.Summary, command.OccurredOn));
}
