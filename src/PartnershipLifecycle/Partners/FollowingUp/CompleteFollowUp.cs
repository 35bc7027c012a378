using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.FollowingUp;

/// <summary>A scheduled follow-up took place.</summary>
/// <param name="FollowUpId">The follow-up of <c>follow_up_scheduled</c>.</param>
/// <param name="Outcome">What came of it.</param>
public sealed record FollowUpCompleted(Guid FollowUpId, DateOnly OccurredOn, [FreeText] string? Outcome) : IPartnerEvent;

/// <summary>Completes a scheduled follow-up, with its outcome. Allowed in every stage but <c>lost</c>; 404 for an unknown follow-up, 409 when it is already completed. <c>POST /api/partners/{id}/follow-ups/{followUpId}/complete</c>.</summary>
public sealed record CompleteFollowUp(DateOnly OccurredOn, string? Outcome = null)
{
    public sealed class Rules : AbstractValidator<CompleteFollowUp>
    {
        public Rules()
        {
            RuleFor(x => x.OccurredOn).PastDate();
            RuleFor(x => x.Outcome).OptionalText();
        }
    }
}

public static class CompleteFollowUpEndpoint
{
    [WolverinePost("/api/partners/{id}/follow-ups/{followUpId}/complete"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, CompleteFollowUp command, Guid followUpId)
    {
        if (StageRules.Require<CompleteFollowUp>(partner) is { } wrongStage)
        {
            return wrongStage;
        }

        return partner.FindFollowUp(followUpId) switch
        {
            null => Rejection.NotFound(ApiText.Format("NotFound.FollowUp", ("partner", partner.Id), ("id", followUpId))),
            { CompletedOn: { } done } => Rejection.Conflict(ApiText.Format("FollowUp.AlreadyCompleted", ("id", followUpId), ("date", ApiText.Day(done)))),
            _ => Decision.Accept(new FollowUpCompleted(followUpId, command.OccurredOn, command.Outcome)),
        };
    }
}
