using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Api.App;
using PartnershipLifecycle.Api.App.Pages;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Auditing;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pitching;

namespace PartnershipLifecycle.Tests.App;

/// <summary>The few values of an event the partner page's timeline shows beside it, vocabulary named in the page's language.</summary>
public sealed class TimelineFactsTests
{
    /// <summary>Every key is "translated" to itself in brackets, so the test sees which key a value was looked up by.</summary>
    private sealed class Brackets : IStringLocalizer<AppText>
    {
        public LocalizedString this[string name] => new(name, $"[{name}]");

        public LocalizedString this[string name, params object[] arguments] => this[name];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static HistoryEntry Entry(object data) =>
        new(1, 1, "any", 1, new DateOnly(2026, 11, 30), DateTimeOffset.UtcNow, "ann", null, data);

    [Fact]
    public void Text_numbers_and_vocabulary_are_shown_ids_dates_and_empty_values_are_not()
    {
        var contact = PartnerModel.Facts(Entry(new ContactAdded(Guid.NewGuid(), "陳樂怡 Chloe", null, ContactRole.Champion, new DateOnly(2026, 11, 30))), new Brackets()).ToList();
        contact.ShouldBe([("name", "陳樂怡 Chloe"), ("role", "[ContactRole.champion]")]);

        var call = PartnerModel.Facts(Entry(new CommunicationLogged(CommunicationChannel.Phone, CommunicationDirection.Inbound, "Called back", new DateOnly(2026, 11, 30))),
            new Brackets()).ToList();
        call.ShouldBe([("channel", "[CommunicationChannel.phone]"), ("direction", "[CommunicationDirection.inbound]"), ("summary", "Called back")]);
    }

    [Fact]
    public void A_list_of_vocabulary_values_is_one_fact_joined_by_the_languages_separator()
    {
        var pitch = PartnerModel.Facts(Entry(new PitchDelivered("Talent", [Offering.WorkPlacement, Offering.Mentorship], new DateOnly(2026, 11, 30))), new Brackets())
            .ToDictionary(f => f.Name, f => f.Value);
        pitch["offerings"].ShouldBe("[Offering.work_placement][ListSeparator][Offering.mentorship]");
        pitch["valueProposition"].ShouldBe("Talent");
    }
}
