using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.ReachingOut;

namespace PartnershipLifecycle.Benchmarks.Workload;

/// <summary>
/// One command of the mix: its route and body for the service, the event it records for bare Marten, and the
/// change to the slot once it is accepted.
/// </summary>
public sealed record CommandStep(string Kind, string Route, object Body, object Event, Action Accept);

/// <summary>
/// The realistic command mix on an active partner (issue 8): outreach 20 %, communications 25 %, engagements 25 %,
/// contact changes 30 % (added 12 %, role changed 8 %, departed 10 %). Departures of champions raise turnover alerts,
/// new champions resolve them; the number of active contacts stays between one and six.
/// </summary>
public static class CommandMix
{
    private static readonly string[] Names = ["Alex Lam", "Sam Wong", "Jo Chan", "Kim Ho", "Pat Lee", "Robin Ng", "Lee Tam", "Max Yip"];
    private static readonly EngagementType[] Engagements = [EngagementType.MentoringSession, EngagementType.WorkPlacement, EngagementType.GuestTalk, EngagementType.SiteVisit];
    private static readonly ContactRole[] NewContactRoles = [ContactRole.Champion, ContactRole.Mentor, ContactRole.Mentor, ContactRole.Hr, ContactRole.DecisionMaker];

    public static CommandStep Next(PartnerSlot slot, Random random, DateOnly day)
    {
        var roll = random.Next(100);
        var contacts = slot.ActiveContacts.Count;
        return roll switch
        {
            < 20 => Outreach(slot, random, day),
            < 45 => Communication(slot, random, day),
            < 70 => Engagement(slot, random, day),
            < 82 when contacts < 6 => AddContact(slot, random, day),
            < 90 when contacts > 0 => ChangeRole(slot, random, day),
            < 100 when contacts > 1 => Departure(slot, random, day),
            _ => contacts < 6 ? AddContact(slot, random, day) : Departure(slot, random, day),
        };
    }

    private static CommandStep Outreach(PartnerSlot slot, Random random, DateOnly day)
    {
        var command = new LogOutreach(PartnerHistories.Pick(random, Enum.GetValues<OutreachChannel>()), "Invited them to the spring showcase.", day);
        return new("outreach", $"/api/partners/{slot.Id}/outreach", command, new OutreachLogged(command.Channel, command.Summary, day), () => { });
    }

    public static CommandStep Communication(PartnerSlot slot, Random random, DateOnly day)
    {
        var command = new LogCommunication(PartnerHistories.Pick(random, Enum.GetValues<CommunicationChannel>()),
            random.Next(3) == 0 ? CommunicationDirection.Inbound : CommunicationDirection.Outbound, "Termly programme update with placement dates.", day);
        return new("communication", $"/api/partners/{slot.Id}/communications", command,
            new CommunicationLogged(command.Channel, command.Direction, command.Summary, day), () => { });
    }

    private static CommandStep Engagement(PartnerSlot slot, Random random, DateOnly day)
    {
        var command = new RecordEngagement(PartnerHistories.Pick(random, Engagements), day, random.Next(1, 40), random.Next(1, 16), "Went well.");
        return new("engagement", $"/api/partners/{slot.Id}/engagements", command,
            new EngagementDelivered(command.Type, day, command.StudentsReached, command.Hours, command.Note), () => { });
    }

    private static CommandStep AddContact(PartnerSlot slot, Random random, DateOnly day)
    {
        var id = Guid.CreateVersion7();
        var role = PartnerHistories.Pick(random, NewContactRoles);
        var name = PartnerHistories.Pick(random, Names);
        var command = new AddContact(id, name, role, day, $"{name.Replace(' ', '.').ToLowerInvariant()}@partner.example");
        return new("contact_added", $"/api/partners/{slot.Id}/contacts", command,
            new ContactAdded(id, name, command.Email, role, day), () => slot.ActiveContacts.Add((id, role, day)));
    }

    private static CommandStep ChangeRole(PartnerSlot slot, Random random, DateOnly day)
    {
        var index = random.Next(slot.ActiveContacts.Count);
        var (id, role, added) = slot.ActiveContacts[index];
        var newRole = role == ContactRole.Champion ? ContactRole.Mentor : ContactRole.Champion;
        var command = new ChangeContactRole(newRole, day);
        return new("contact_role_changed", $"/api/partners/{slot.Id}/contacts/{id}/role", command,
            new ContactRoleChanged(id, newRole, role, day), () => slot.ActiveContacts[index] = (id, newRole, added));
    }

    private static CommandStep Departure(PartnerSlot slot, Random random, DateOnly day)
    {
        // Champions leave more often than anyone: the turnover the alerts are for.
        var champion = slot.ActiveContacts.FindIndex(c => c.Role == ContactRole.Champion);
        var index = champion >= 0 && random.Next(2) == 0 ? champion : random.Next(slot.ActiveContacts.Count);
        var (id, role, _) = slot.ActiveContacts[index];
        var command = new RecordContactDeparture(day, "Moved on.", random.Next(3) == 0 ? "Another Employer Ltd" : null);
        return new("contact_departed", $"/api/partners/{slot.Id}/contacts/{id}/departed", command,
            new ContactDeparted(id, role, day, command.Note, command.MovedTo), () => slot.ActiveContacts.RemoveAt(index));
    }
}
