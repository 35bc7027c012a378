namespace PartnershipLifecycle.Platform.Contracts;

/// <summary>
/// A fact kept in a Marten event stream. Implementing it (through a feature's own stream interface, such as the
/// partner's <c>IPartnerEvent</c>) is all it takes to give the event a stored contract: the catalogue finds it by
/// reflection, Marten stores it under its contract's name (<c>PartnershipStore</c>), and the drift test holds it to
/// its schema in eventschema/.
/// </summary>
public interface IStoredEvent;
