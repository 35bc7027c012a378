namespace PartnershipLifecycle.Partners.WinningBack;

/// <summary>A lost partner is re-approached (win-back): back to <c>prospect</c>, its history kept.</summary>
public sealed record PartnershipReactivated(RecruitmentChannel Channel, string? Note, DateOnly OccurredOn) : IPartnerEvent;
