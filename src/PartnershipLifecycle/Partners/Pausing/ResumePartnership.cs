namespace PartnershipLifecycle.Partners.Pausing;

public sealed record PartnershipResumed(DateOnly OccurredOn) : IPartnerEvent;
