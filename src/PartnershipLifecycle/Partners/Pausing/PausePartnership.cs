namespace PartnershipLifecycle.Partners.Pausing;

public sealed record PartnershipPaused(string Reason, DateOnly OccurredOn) : IPartnerEvent;
