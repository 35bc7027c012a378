using JasperFx.Events;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>Partners in a given state, built from events by the aggregate's own Apply methods (no database).</summary>
public static class Given
{
    public static readonly DateOnly Day = new(2026, 3, 2);
    public static readonly Guid ChampionId = Guid.Parse("00000000-0000-0000-0000-00000000c001");
    public static readonly Guid MentorId = Guid.Parse("00000000-0000-0000-0000-00000000c002");

    public static ProspectIdentified Prospect(string name = "Acme Robotics") =>
        new(name, "manufacturing", RecruitmentChannel.ChamberOfCommerce, null, null, [], null, Day);

    /// <summary>Folds events onto a new partner as Marten would, the version counting up from 1.</summary>
    public static Partner Partner(params object[] events)
    {
        var all = events.FirstOrDefault() is ProspectIdentified ? events : [Prospect(), .. events];
        var state = PartnershipLifecycle.Partners.Partner.Create(new Event<ProspectIdentified>((ProspectIdentified)all[0]) { StreamId = Guid.NewGuid() });
        state = state with { Version = 1 };
        foreach (var e in all.Skip(1))
        {
            state = Evolve(state, e);
        }

        return state;
    }

    public static Partner Evolve(Partner state, object e) => (Partner)((dynamic)state).Apply((dynamic)e) with { Version = state.Version + 1 };

    /// <summary>The shortest history that brings a partner to <paramref name="stage"/>.</summary>
    public static Partner InStage(Stage stage) => Partner(EventsTo(stage));

    public static object[] EventsTo(Stage stage) => stage switch
    {
        Stage.Prospect => [],
        Stage.Contacted => [new OutreachLogged(OutreachChannel.Email, "hello", Day)],
        Stage.Pitched => [.. EventsTo(Stage.Contacted), new PitchDelivered("talent pipeline", [Offering.WorkPlacement], Day)],
        Stage.Piloting => [.. EventsTo(Stage.Pitched), new PilotStarted("one-week demo", Day, Day.AddDays(7))],
        Stage.Active =>
        [
            .. EventsTo(Stage.Pitched),
            new MouSigned(Day, Day, Day.AddYears(1), new Commitments(10, 2, 4, true), ["host placements"], ["prepare students"]),
            new ContactAdded(ChampionId, "Chloe Champion", "chloe@acme.example", ContactRole.Champion, Day),
            new ContactAdded(MentorId, "Max Mentor", null, ContactRole.Mentor, Day),
        ],
        Stage.Paused => [.. EventsTo(Stage.Active), new PartnershipPaused("busy season", Day)],
        Stage.Lost => [.. EventsTo(Stage.Contacted), new PartnershipLost(LossReason.CapacityChange, null, Day, Stage.Contacted)],
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
