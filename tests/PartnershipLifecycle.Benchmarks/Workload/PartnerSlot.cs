using PartnershipLifecycle.Partners;

namespace PartnershipLifecycle.Benchmarks.Workload;

/// <summary>
/// A partner as the load generator knows it: enough of its state to choose a next step its stage allows.
/// Each slot is used by one worker at a time, so its state needs no lock.
/// </summary>
public sealed class PartnerSlot(Guid id, string tenant, string name)
{
    public Guid Id { get; } = id;
    public string Tenant { get; } = tenant;
    public string Name { get; } = name;
    public Stage Stage { get; set; } = Stage.Prospect;
    public List<(Guid ContactId, ContactRole Role, DateOnly AddedOn)> ActiveContacts { get; } = [];
    public List<(Guid FollowUpId, DateOnly ScheduledOn)> OpenFollowUps { get; } = [];
    public DateOnly? MouEndsOn { get; set; }
    public Stage? PausedFrom { get; set; }

    /// <summary>The stream version, as far as this slot has appended.</summary>
    public long Version { get; set; }
}
