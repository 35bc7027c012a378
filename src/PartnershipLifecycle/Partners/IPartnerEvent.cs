namespace PartnershipLifecycle.Partners;

/// <summary>
/// An event of a partner's stream. Each carries its business date, <see cref="OccurredOn"/>: when it
/// happened as the user says (back-dating is normal), apart from when Marten recorded it.
/// </summary>
public interface IPartnerEvent : IStoredEvent
{
    /// <summary>The business date it happened, as the user gives it (back-dated entries are normal), not when it was recorded.</summary>
    DateOnly OccurredOn { get; }
}
