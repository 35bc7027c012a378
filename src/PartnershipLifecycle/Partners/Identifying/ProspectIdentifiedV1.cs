using Marten.Services.Json.Transformations;
using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.Partners.Identifying;

/// <summary>A new prospect, found through a recruitment channel. Starts the partner's stream.</summary>
/// <param name="Name">The organisation's name as the coordinator wrote it.</param>
/// <param name="Sector">The industry the organisation works in, e.g. <c>creative_technology</c>.</param>
/// <param name="Website">The organisation's website as entered, e.g. <c>https://www.acme.example/careers</c>.</param>
/// <param name="ReferredByPartnerId">The partner that referred this one; only for <c>partner_referral</c>.</param>
/// <param name="Motivations">Why the organisation says it takes part, each once.</param>
/// <param name="Note">The coordinator's note.</param>
/// <remarks>
/// Version 1 of <c>prospect_identified</c>, as stored until version 2 split the web domain off the website. Kept
/// only to read those events: <see cref="ProspectIdentifiedV1Upcaster"/> turns each into a
/// <see cref="ProspectIdentified"/>; nothing appends this type.
/// </remarks>
[EventContract(Name = "prospect_identified", Version = 1)]
public sealed record ProspectIdentifiedV1(
    [NameText] string Name,
    [NameText] string Sector,
    RecruitmentChannel Channel,
    [NameText] string? Website,
    Guid? ReferredByPartnerId,
    [ListSize(Max = Limits.ListItems)] IReadOnlyList<Motivation> Motivations,
    [FreeText] string? Note,
    DateOnly OccurredOn) : IPartnerEvent
{
    /// <summary>The same fact in version 2: the domain the duplicate check used then is the one it uses now.</summary>
    public ProspectIdentified Upcast() =>
        new(Name, Sector, Channel, Website, ReferredByPartnerId, Motivations, Note, OccurredOn, PartnerNames.DomainOf(Website));
}

/// <summary>
/// Reads the rows Marten stored as <c>prospect_identified</c> (version 1) as <see cref="ProspectIdentified"/>;
/// version 2 is stored as <c>prospect_identified_v2</c> and needs none. Registered with every other upcaster of
/// the domain by <c>PartnershipStore</c> (<see cref="EventCatalogue.Upcasters"/>).
/// </summary>
public sealed class ProspectIdentifiedV1Upcaster : EventUpcaster<ProspectIdentifiedV1, ProspectIdentified>
{
    public override string EventTypeName => "prospect_identified";

    protected override ProspectIdentified Upcast(ProspectIdentifiedV1 oldEvent) => oldEvent.Upcast();
}
