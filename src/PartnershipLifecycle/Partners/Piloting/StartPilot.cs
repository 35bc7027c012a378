using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Piloting;

/// <summary>An optional pilot or demonstration; moves the partner to <c>piloting</c>.</summary>
/// <param name="Description">What the pilot tries out.</param>
/// <param name="StartsOn">The pilot's first day (the event's business date).</param>
/// <param name="EndsOn">The pilot's planned last day, after its start.</param>
public sealed record PilotStarted([FreeText] string Description, DateOnly StartsOn, DateOnly EndsOn) : IPartnerEvent
{
    DateOnly IPartnerEvent.OccurredOn => StartsOn;
}

/// <summary>Starts a pilot, a trial collaboration between two dates; moves the partner to <c>piloting</c>. Allowed in <c>pitched</c>. <c>POST /api/partners/{id}/pilot</c>.</summary>
public sealed record StartPilot(string Description, DateOnly StartsOn, DateOnly EndsOn)
{
    public sealed class Rules : AbstractValidator<StartPilot>
    {
        public Rules()
        {
            RuleFor(x => x.Description).RequiredText();
            RuleFor(x => x.StartsOn).PastDate();
            RuleFor(x => x.EndsOn).RequiredDate()
                .GreaterThanOrEqualTo(x => x.StartsOn).WithMessage(_ => ApiText.Format("Date.NotBeforeField", ("field", "endsOn"), ("other", "startsOn")))
                .NoLaterThan(x => x.StartsOn, "startsOn", limits => (0, limits.PilotMaxDays));
        }
    }
}

public static class StartPilotEndpoint
{
    [WolverinePost("/api/partners/{id}/pilot"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, StartPilot command) =>
        StageRules.Require<StartPilot>(partner)
        ?? Decision.Accept(new PilotStarted(command.Description, command.StartsOn, command.EndsOn));
}
