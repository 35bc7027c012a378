namespace PartnershipLifecycle.Partners.Agreeing;

public sealed record MouRenewed(DateOnly EndsOn, DateOnly PreviousEndsOn, DateOnly OccurredOn) : IPartnerEvent;
