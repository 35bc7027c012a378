namespace PartnershipLifecycle.Partners.Losing;

/// <summary>The partnership ended, with a reason and the stage it was lost from.</summary>
public sealed record PartnershipLost(LossReason Reason, string? Note, DateOnly OccurredOn, Stage FromStage) : IPartnerEvent;
