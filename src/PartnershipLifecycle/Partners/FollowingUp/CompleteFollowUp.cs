namespace PartnershipLifecycle.Partners.FollowingUp;

public sealed record FollowUpCompleted(Guid FollowUpId, DateOnly OccurredOn, string? Outcome) : IPartnerEvent;
