namespace PartnershipLifecycle.Partners.Piloting;

/// <summary>An optional pilot or demonstration; moves the partner to <c>piloting</c>.</summary>
public sealed record PilotStarted(string Description, DateOnly StartsOn, DateOnly EndsOn) : IPartnerEvent
{
    DateOnly IPartnerEvent.OccurredOn => StartsOn;
}
