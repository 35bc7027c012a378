namespace PartnershipLifecycle.Partners.Communicating;

public sealed record CommunicationLogged(CommunicationChannel Channel, CommunicationDirection Direction, string Summary, DateOnly OccurredOn) : IPartnerEvent;
