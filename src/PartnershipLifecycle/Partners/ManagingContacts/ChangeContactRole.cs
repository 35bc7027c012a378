namespace PartnershipLifecycle.Partners.ManagingContacts;

public sealed record ContactRoleChanged(Guid ContactId, ContactRole Role, ContactRole PreviousRole, DateOnly OccurredOn) : IPartnerEvent;
