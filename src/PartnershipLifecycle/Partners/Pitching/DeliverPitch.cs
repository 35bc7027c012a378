namespace PartnershipLifecycle.Partners.Pitching;

/// <summary>A value proposition delivered to the partner; moves it to <c>pitched</c>.</summary>
public sealed record PitchDelivered(string ValueProposition, IReadOnlyList<Offering> Offerings, DateOnly OccurredOn) : IPartnerEvent;
