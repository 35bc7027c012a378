namespace PartnershipLifecycle.Partners.Agreeing;

public sealed record MouAmended(Commitments Commitments, DateOnly OccurredOn, string Reason) : IPartnerEvent;
