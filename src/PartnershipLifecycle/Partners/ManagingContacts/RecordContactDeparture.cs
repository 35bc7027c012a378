namespace PartnershipLifecycle.Partners.ManagingContacts;

/// <summary>
/// A person left the partner organisation (turnover). They keep their history here; <c>MovedTo</c> names
/// the organisation they joined, a warm lead.
/// </summary>
public sealed record ContactDeparted(Guid ContactId, ContactRole Role, DateOnly OccurredOn, string? Note, string? MovedTo) : IPartnerEvent;
