using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.ManagingContacts;

public class ContactDecisionTests
{
    private static readonly Guid Champion = Given.ChampionId;
    private static Partner Active => Given.InStage(Stage.Active);

    [Fact]
    public void Adding_a_contact_records_name_email_and_role()
    {
        var id = Guid.NewGuid();
        var decision = AddContactEndpoint.Decide(Active, new AddContact(id, " Hana HR ", ContactRole.Hr, Given.Day, "hana@acme.example"));

        decision.Events.ShouldBe([new ContactAdded(id, "Hana HR", "hana@acme.example", ContactRole.Hr, Given.Day)]);
    }

    [Fact]
    public void A_contact_id_is_used_once() =>
        AddContactEndpoint.Decide(Active, new AddContact(Champion, "Again", ContactRole.Hr, Given.Day)).Rejection!.Kind.ShouldBe(RejectionKind.Conflict);

    [Fact]
    public void A_role_change_remembers_the_previous_role()
    {
        var decision = ChangeContactRoleEndpoint.Decide(Active, new ChangeContactRole(ContactRole.DecisionMaker, Given.Day), Champion);

        decision.Events.ShouldBe([new ContactRoleChanged(Champion, ContactRole.DecisionMaker, ContactRole.Champion, Given.Day)]);
    }

    [Fact]
    public void The_same_role_again_is_a_conflict() =>
        ChangeContactRoleEndpoint.Decide(Active, new ChangeContactRole(ContactRole.Champion, Given.Day), Champion)
            .Rejection!.Kind.ShouldBe(RejectionKind.Conflict);

    [Fact]
    public void An_unknown_contact_is_not_found()
    {
        ChangeContactRoleEndpoint.Decide(Active, new ChangeContactRole(ContactRole.Hr, Given.Day), Guid.NewGuid())
            .Rejection!.Kind.ShouldBe(RejectionKind.NotFound);
        RecordContactDepartureEndpoint.Decide(Active, new RecordContactDeparture(Given.Day), Guid.NewGuid())
            .Rejection!.Kind.ShouldBe(RejectionKind.NotFound);
    }

    [Fact]
    public void A_departure_keeps_the_role_they_had_and_where_they_went()
    {
        var decision = RecordContactDepartureEndpoint.Decide(Active,
            new RecordContactDeparture(Given.Day.AddDays(30), "left for a competitor", " Beta Games "), Champion);

        decision.Events.ShouldBe([new ContactDeparted(Champion, ContactRole.Champion, Given.Day.AddDays(30), "left for a competitor", "Beta Games")]);
        var contact = Given.Evolve(Active, decision.Events[0]).FindContact(Champion)!;
        contact.Status.ShouldBe(ContactStatus.Departed);
        contact.MovedTo.ShouldBe("Beta Games");
        contact.Name.ShouldBe("Chloe Champion");
    }

    [Fact]
    public void A_departed_contact_cannot_depart_again_or_change_role()
    {
        var departed = Given.Evolve(Active, new ContactDeparted(Champion, ContactRole.Champion, Given.Day, null, null));

        RecordContactDepartureEndpoint.Decide(departed, new RecordContactDeparture(Given.Day), Champion)
            .Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
        ChangeContactRoleEndpoint.Decide(departed, new ChangeContactRole(ContactRole.Hr, Given.Day), Champion)
            .Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
    }
}
