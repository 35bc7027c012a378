using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.ManagingContacts;

namespace PartnershipLifecycle.Tests.Partners.Alerting;

/// <summary>The alert rules of docs/domain.md as pure steps of <see cref="PartnerTurnover"/> (no database).</summary>
public class TurnoverRulesTests
{
    private static readonly DateOnly Day = new(2026, 1, 10);
    private static readonly Guid Chloe = Guid.NewGuid(), Max = Guid.NewGuid(), Nia = Guid.NewGuid();
    private static int _clock;

    private static EventStamp Stamp() => new(Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddMinutes(++_clock));

    private static PartnerTurnover WithTeam() => PartnerTurnover.For(Guid.NewGuid(), "Acme")
        .ContactAdded(new ContactAdded(Chloe, "Chloe", null, ContactRole.Champion, Day), Stamp())
        .ContactAdded(new ContactAdded(Max, "Max", null, ContactRole.Mentor, Day), Stamp());

    private static ContactDeparted Leaves(Guid who, ContactRole role, DateOnly on) => new(who, role, on, null, null);

    [Fact]
    public void A_champion_leaving_with_no_champion_left_raises_champion_departed()
    {
        var stamp = Stamp();
        var state = WithTeam().Departed(Leaves(Chloe, ContactRole.Champion, Day.AddDays(5)), stamp);

        var alert = state.Alerts.ShouldHaveSingleItem();
        alert.Kind.ShouldBe(AlertKind.ChampionDeparted);
        alert.Status.ShouldBe(AlertStatus.Open);
        alert.ContactName.ShouldBe("Chloe");
        alert.RaisedAt.ShouldBe(stamp.RecordedAt);
        alert.RaisedOn.ShouldBe(Day.AddDays(5));
        alert.Id.ShouldBe(TurnoverAlert.IdFor(state.Id, stamp.EventId, AlertKind.ChampionDeparted));
    }

    [Fact]
    public void A_champion_leaving_while_another_champion_stays_raises_nothing()
    {
        var state = WithTeam()
            .ContactAdded(new ContactAdded(Nia, "Nia", null, ContactRole.Champion, Day), Stamp())
            .Departed(Leaves(Chloe, ContactRole.Champion, Day), Stamp());

        state.Alerts.ShouldBeEmpty();
    }

    [Fact]
    public void The_last_active_contact_leaving_raises_no_active_contact_until_anyone_is_added()
    {
        var state = WithTeam()
            .Departed(Leaves(Max, ContactRole.Mentor, Day), Stamp())
            .Departed(Leaves(Chloe, ContactRole.Champion, Day.AddYears(2)), Stamp());

        state.UnresolvedAlerts.Select(a => a.Kind).Order().ShouldBe([AlertKind.ChampionDeparted, AlertKind.NoActiveContact]);

        state = state.ContactAdded(new ContactAdded(Nia, "Nia", null, ContactRole.Hr, Day.AddYears(2)), Stamp());
        state.UnresolvedAlerts.Select(a => a.Kind).ShouldBe([AlertKind.ChampionDeparted]);
    }

    [Fact]
    public void A_second_departure_within_a_year_is_high_turnover_until_a_new_champion_is_named()
    {
        var state = WithTeam()
            .ContactAdded(new ContactAdded(Nia, "Nia", null, ContactRole.Champion, Day), Stamp())
            .Departed(Leaves(Max, ContactRole.Mentor, Day.AddDays(10)), Stamp())
            .Departed(Leaves(Nia, ContactRole.Champion, Day.AddDays(300)), Stamp());

        state.UnresolvedAlerts.Select(a => a.Kind).ShouldBe([AlertKind.HighTurnover]);

        state = state.RoleChanged(new ContactRoleChanged(Chloe, ContactRole.Champion, ContactRole.Champion, Day.AddDays(301)), Stamp());
        state.UnresolvedAlerts.ShouldBeEmpty();
        state.Alerts.Single().ResolvedAt.ShouldNotBeNull();
    }

    [Fact]
    public void Departures_more_than_a_year_apart_are_not_high_turnover() =>
        WithTeam()
            .ContactAdded(new ContactAdded(Nia, "Nia", null, ContactRole.Champion, Day), Stamp())
            .Departed(Leaves(Max, ContactRole.Mentor, Day), Stamp())
            .Departed(Leaves(Nia, ContactRole.Champion, Day.AddDays(366)), Stamp())
            .Alerts.ShouldBeEmpty();

    [Fact]
    public void At_most_one_unresolved_alert_per_kind()
    {
        var state = WithTeam()
            .ContactAdded(new ContactAdded(Nia, "Nia", null, ContactRole.Champion, Day), Stamp())
            .Departed(Leaves(Max, ContactRole.Mentor, Day), Stamp())
            .Departed(Leaves(Nia, ContactRole.Champion, Day.AddDays(1)), Stamp())
            .Departed(Leaves(Chloe, ContactRole.Champion, Day.AddDays(2)), Stamp());

        state.Alerts.Count(a => a.Kind == AlertKind.HighTurnover).ShouldBe(1);
        state.Alerts.Count(a => a.Kind == AlertKind.ChampionDeparted).ShouldBe(1);
    }

    [Fact]
    public void Acknowledged_alerts_stay_until_resolved_and_losing_the_partner_resolves_them()
    {
        var state = WithTeam().Departed(Leaves(Chloe, ContactRole.Champion, Day), Stamp());
        var alertId = state.Alerts.Single().Id;

        state = state.Acknowledged(alertId, Stamp());
        state.Alerts.Single().Status.ShouldBe(AlertStatus.Acknowledged);
        state.UnresolvedAlerts.ShouldHaveSingleItem();

        state = state.PartnershipLost(Stamp());
        state.Alerts.Single().Status.ShouldBe(AlertStatus.Resolved);
        state.Departed(Leaves(Max, ContactRole.Mentor, Day), Stamp()).UnresolvedAlerts.ShouldBeEmpty();
    }
}
