using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.FollowingUp;

/// <summary>A follow-up planned with the partner ("tight follow-ups", seed 001).</summary>
/// <param name="FollowUpId">Names the follow-up when it is completed.</param>
/// <param name="DueOn">When it should happen; after that, until completed, it is overdue.</param>
/// <param name="Purpose">What the follow-up is for.</param>
/// <param name="Owner">Who at the institution takes care of it.</param>
/// <param name="ScheduledOn">The day it was planned (the event's business date).</param>
public sealed record FollowUpScheduled(Guid FollowUpId, DateOnly DueOn, [FreeText] string Purpose, [NameText] string? Owner, DateOnly ScheduledOn) : IPartnerEvent
{
    DateOnly IPartnerEvent.OccurredOn => ScheduledOn;
}

/// <summary>Schedules a follow-up with the partner: what to do, by when and by whom; the service gives it an id when the client sends none. Allowed in every stage but <c>lost</c>. <c>POST /api/partners/{id}/follow-ups</c>.</summary>
public sealed record ScheduleFollowUp(Guid? FollowUpId, DateOnly DueOn, string Purpose, string? Owner = null) : IDescribesAcceptance
{
    public CommandAccepted Describe(CommandAccepted accepted) => accepted with { FollowUpId = FollowUpId };

    public sealed class Rules : AbstractValidator<ScheduleFollowUp>
    {
        public Rules()
        {
            RuleFor(x => x.FollowUpId).NotEqual(Guid.Empty).WithMessage(_ => ApiText.Format("Id.Empty", ("field", "followUpId")));
            RuleFor(x => x.DueOn).RequiredDate().NotFarAhead();
            RuleFor(x => x.Purpose).RequiredText();
            RuleFor(x => x.Owner).OptionalName();
        }
    }
}

public static class ScheduleFollowUpEndpoint
{
    /// <summary>The service names the new item when the client did not.</summary>
    public static ScheduleFollowUp Before(ScheduleFollowUp command) => command with { FollowUpId = command.FollowUpId ?? Guid.CreateVersion7() };

    [WolverinePost("/api/partners/{id}/follow-ups"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, ScheduleFollowUp command, DateOnly today)
    {
        var followUpId = command.FollowUpId ?? throw new ArgumentException("The endpoint assigns the follow-up id.", nameof(command));
        return StageRules.Require<ScheduleFollowUp>(partner)
            ?? (partner.FindFollowUp(followUpId) is not null ? Rejection.IdTaken("What.AFollowUp", followUpId) : null)
            ?? Decision.Accept(new FollowUpScheduled(followUpId, command.DueOn, command.Purpose, command.Owner, today));
    }
}
