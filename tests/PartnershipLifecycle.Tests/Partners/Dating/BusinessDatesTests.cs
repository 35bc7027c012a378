using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Validation;
using PartnershipLifecycle.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace PartnershipLifecycle.Tests.Partners.Dating;

/// <summary>The date rule (<see cref="BusinessDates"/>) as a pure function of the partner and the events a decision accepted.</summary>
public class BusinessDatesTests
{
    private static readonly DateOnly Day = Given.Day;

    private static void Refused(Partner partner, object e, string field, DateOnly notBefore)
    {
        var rejection = BusinessDates.Check(partner, [e]).ShouldNotBeNull();
        rejection.Kind.ShouldBe(RejectionKind.Invalid);
        rejection.Errors!.Keys.ShouldBe([field]);
        rejection.Extensions!["notBefore"].ShouldBe(notBefore.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public void Nothing_happens_before_the_partner_was_identified()
    {
        var prospect = Given.InStage(Stage.Prospect);
        Refused(prospect, new OutreachLogged(OutreachChannel.Email, "hi", Day.AddDays(-1)), "occurredOn", Day);
        BusinessDates.Check(prospect, [new OutreachLogged(OutreachChannel.Email, "hi", Day)]).ShouldBeNull();
    }

    [Fact]
    public void A_stage_is_not_entered_before_the_current_one_began()
    {
        var contacted = Given.Partner(new OutreachLogged(OutreachChannel.Email, "hi", Day.AddDays(3)));
        contacted.StageSince.ShouldBe(Day.AddDays(3));
        Refused(contacted, new PitchDelivered("v", [Offering.Mentorship], Day.AddDays(2)), "occurredOn", Day.AddDays(3));
        // Another outreach keeps the stage: it may be back-dated to any day the partner was known.
        BusinessDates.Check(contacted, [new OutreachLogged(OutreachChannel.Email, "older", Day)]).ShouldBeNull();
        var pitched = Given.Evolve(contacted, new PitchDelivered("v", [Offering.Mentorship], Day.AddDays(5)));
        Refused(pitched, new MouSigned(Day.AddDays(4), Day.AddDays(4), Day.AddYears(1), new Commitments(1, 1, 1, false), [], []), "signedOn", Day.AddDays(5));
        Refused(pitched, new PilotStarted("d", Day.AddDays(4), Day.AddDays(9)), "startsOn", Day.AddDays(5));
        Refused(pitched, new PitchOutcomeRecorded(PitchOutcome.Interested, null, Day.AddDays(4)), "occurredOn", Day.AddDays(5));
    }

    [Fact]
    public void An_mou_does_not_start_before_the_partner_was_identified() =>
        Refused(Given.InStage(Stage.Pitched), new MouSigned(Day, Day.AddDays(-1), Day.AddYears(1), new Commitments(1, 1, 1, false), [], []), "startsOn", Day);

    [Fact]
    public void Completions_and_changes_are_not_before_what_they_complete_or_change()
    {
        var piloting = Given.Partner([.. Given.EventsTo(Stage.Pitched), new PilotStarted("d", Day.AddDays(2), Day.AddDays(9))]);
        Refused(piloting, new PilotCompleted(Day.AddDays(1), 4, "f", null), "occurredOn", Day.AddDays(2));

        var active = Given.InStage(Stage.Active);
        Refused(active, new ContactDeparted(Given.ChampionId, ContactRole.Champion, Day.AddDays(-1), null, null), "occurredOn", Day);
        Refused(active, new MouRenewed(Day.AddYears(2), Day.AddYears(1), Day.AddDays(-1)), "occurredOn", Day);

        var paused = Given.Evolve(active, new PartnershipPaused("busy", Day.AddDays(4)));
        Refused(paused, new PartnershipResumed(Day.AddDays(3)), "occurredOn", Day.AddDays(4));
    }

    [Fact]
    public void A_first_contact_typed_in_after_a_later_one_moves_the_stage_back_to_its_date()
    {
        // Found trying the service: outreach dated 1 March, then one dated 1 February; a pitch on 15 February was refused
        // as "before 2026-03-01, when the partner became 'contacted'", while the story said contacted on 1 February.
        var contacted = Given.Partner(new OutreachLogged(OutreachChannel.Email, "typed first", Day.AddDays(50)));
        var earlier = Given.Evolve(contacted, new OutreachLogged(OutreachChannel.Phone, "earlier call typed later", Day.AddDays(20)));
        earlier.StageSince.ShouldBe(Day.AddDays(20));
        BusinessDates.Check(earlier, [new PitchDelivered("v", [Offering.Internship], Day.AddDays(35))]).ShouldBeNull();
        Refused(earlier, new PitchDelivered("v", [Offering.Internship], Day.AddDays(19)), "occurredOn", Day.AddDays(20));

        var pitched = Given.Evolve(earlier, new PitchDelivered("v", [Offering.Internship], Day.AddDays(40)));
        Given.Evolve(pitched, new PitchDelivered("an earlier pitch", [Offering.Mentorship], Day.AddDays(30))).StageSince.ShouldBe(Day.AddDays(30));
        // A later outreach does not move the stage's start.
        Given.Evolve(earlier, new OutreachLogged(OutreachChannel.Email, "later", Day.AddDays(60))).StageSince.ShouldBe(Day.AddDays(20));
    }

    [Fact]
    public void A_win_back_is_not_before_the_loss_and_its_steps_not_before_the_win_back()
    {
        var lost = Given.Partner(new PartnershipLost(LossReason.CapacityChange, null, Day.AddDays(2), Stage.Prospect));
        Refused(lost, new PartnershipReactivated(RecruitmentChannel.Inbound, null, Day.AddDays(1)), "occurredOn", Day.AddDays(2));
        var back = Given.Evolve(lost, new PartnershipReactivated(RecruitmentChannel.Inbound, null, Day.AddDays(6)));
        Refused(back, new OutreachLogged(OutreachChannel.Email, "again", Day.AddDays(5)), "occurredOn", Day.AddDays(6));
    }

    [Theory]
    [InlineData(9999, 12, 31)]
    [InlineData(9999, 12, 30)]
    [InlineData(1, 1, 1)]
    [InlineData(1, 1, 2)]
    public void The_mou_schedule_never_throws_whatever_the_end(int year, int month, int day)
    {
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var endsOn = new DateOnly(year, month, day);
        foreach (var zone in new[] { TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Hong_Kong"), TimeZoneInfo.FindSystemTimeZoneById("America/Bogota") })
        {
            foreach (var remindBefore in new[] { TimeSpan.Zero, TimeSpan.FromDays(60), TimeSpan.FromDays(5000) })
            {
                var (messages, _) = MouTermSchedule.For(Guid.NewGuid(), endsOn, zone, now, new MouSettings { RemindBefore = remindBefore });
                // An end already past gets no reminder, only its end.
                messages.Count.ShouldBe(endsOn.Year > 2026 ? 2 : 1);
            }
        }
    }

    [Fact]
    public void Adding_to_a_date_stops_at_the_calendars_end()
    {
        DateLimits.Add(new DateOnly(9995, 1, 1), years: 10).ShouldBe(DateOnly.MaxValue);
        DateLimits.Add(new DateOnly(9999, 12, 1), days: 100).ShouldBe(DateOnly.MaxValue);
        DateLimits.Add(new DateOnly(2026, 2, 28), years: 10).ShouldBe(new DateOnly(2036, 2, 28));
    }
}
