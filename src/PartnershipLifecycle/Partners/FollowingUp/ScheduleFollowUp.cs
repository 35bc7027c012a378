namespace PartnershipLifecycle.Partners.FollowingUp;

/// <summary>A follow-up planned with the partner ("tight follow-ups", seed 001).</summary>
public sealed record FollowUpScheduled(Guid FollowUpId, DateOnly DueOn, string Purpose, string? Owner, DateOnly ScheduledOn) : IPartnerEvent
{
    DateOnly IPartnerEvent.OccurredOn => ScheduledOn;
}
