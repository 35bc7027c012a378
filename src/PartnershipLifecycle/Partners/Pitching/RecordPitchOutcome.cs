namespace PartnershipLifecycle.Partners.Pitching;

public sealed record PitchOutcomeRecorded(PitchOutcome Outcome, string? Reason, DateOnly OccurredOn) : IPartnerEvent;
