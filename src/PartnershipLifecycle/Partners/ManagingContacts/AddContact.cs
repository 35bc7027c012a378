namespace PartnershipLifecycle.Partners.ManagingContacts;

public sealed record ContactAdded(Guid ContactId, string Name, string? Email, ContactRole Role, DateOnly OccurredOn) : IPartnerEvent;
