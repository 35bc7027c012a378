using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// Issue 18, point 3: each institution has its own day. A tenant in Hong Kong (UTC+8) and one in Bogotá (UTC−5, no
/// daylight saving) at their day boundaries, with a fake clock; no database.
/// </summary>
public class InstitutionCalendarTests
{
    private const string HongKong = "hk";
    private const string Bogota = "bog";

    private static (InstitutionCalendar Calendar, FakeTimeProvider Clock) Calendar(DateTimeOffset utc, string? defaultZone = null)
    {
        var clock = new FakeTimeProvider(utc);
        var settings = new Dictionary<string, string?>
        {
            [$"{InstitutionSettings.TimeZonesSection}:{HongKong}"] = "Asia/Hong_Kong",
            [$"{InstitutionSettings.TimeZonesSection}:{Bogota}"] = "America/Bogota",
        };
        if (defaultZone is not null)
        {
            settings[InstitutionSettings.DefaultTimeZoneKey] = defaultZone;
        }

        return (new InstitutionCalendar(clock, new ConfigurationBuilder().AddInMemoryCollection(settings).Build()), clock);
    }

    [Fact]
    public void Today_is_the_date_where_the_institution_is_on_either_side_of_its_midnight()
    {
        // 15:59:59 UTC is 23:59:59 in Hong Kong; a second later it is the next day there, and still the same day in UTC.
        var (calendar, clock) = Calendar(new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero));
        calendar.Today(HongKong).ShouldBe(new DateOnly(2026, 11, 30));
        calendar.Today(Bogota).ShouldBe(new DateOnly(2026, 11, 30));
        calendar.Today("unconfigured").ShouldBe(new DateOnly(2026, 11, 30));
        clock.Advance(TimeSpan.FromSeconds(1));
        calendar.Today(HongKong).ShouldBe(new DateOnly(2026, 12, 1));
        calendar.Today("unconfigured").ShouldBe(new DateOnly(2026, 11, 30));

        // 04:59:59 UTC on 1 December is 23:59:59 on 30 November in Bogotá.
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 4, 59, 59, TimeSpan.Zero));
        calendar.Today(Bogota).ShouldBe(new DateOnly(2026, 11, 30));
        calendar.Today("unconfigured").ShouldBe(new DateOnly(2026, 12, 1));
        clock.Advance(TimeSpan.FromSeconds(1));
        calendar.Today(Bogota).ShouldBe(new DateOnly(2026, 12, 1));
    }

    [Fact]
    public void The_default_zone_comes_from_settings_and_an_unknown_zone_is_a_start_up_problem()
    {
        var (calendar, _) = Calendar(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero), defaultZone: "Asia/Hong_Kong");
        calendar.Today("unconfigured").ShouldBe(new DateOnly(2026, 12, 1));
        calendar.Today(Bogota).ShouldBe(new DateOnly(2026, 11, 30));

        InstitutionCalendar.Problems(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{InstitutionSettings.TimeZonesSection}:x"] = "Mars/Olympus_Mons",
        }).Build()).ShouldHaveSingleItem().ShouldContain("Institutions:TimeZones:x");
    }

    [Fact]
    public void The_future_date_rule_is_the_institutions_today()
    {
        // Issue 18: a placement dated 2026-12-01 logged at 14:43 UTC (22:43 in Hong Kong) is in the future there.
        var (calendar, clock) = Calendar(new DateTimeOffset(2026, 11, 30, 14, 43, 0, TimeSpan.Zero));
        var rules = new LogOutreach.Rules();
        var firstOfDecember = new LogOutreach(OutreachChannel.Email, "hello", new DateOnly(2026, 12, 1));

        Validation.Check(firstOfDecember, rules, calendar.Today(HongKong)).ShouldBeOfType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()
            .Errors.ShouldContainKey("occurredOn");
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
        Validation.Check(firstOfDecember, rules, calendar.Today(HongKong)).ShouldBe(Wolverine.Http.WolverineContinue.NoProblems);

        // In Bogotá 1 December begins at 05:00 UTC: at 04:59 the date is still in the future there.
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 4, 59, 0, TimeSpan.Zero));
        Validation.Check(firstOfDecember, rules, calendar.Today(Bogota)).ShouldNotBe(Wolverine.Http.WolverineContinue.NoProblems);
        clock.Advance(TimeSpan.FromMinutes(1));
        Validation.Check(firstOfDecember, rules, calendar.Today(Bogota)).ShouldBe(Wolverine.Http.WolverineContinue.NoProblems);
    }

    [Fact]
    public void A_follow_up_is_overdue_from_the_day_after_it_was_due_in_the_institutions_day()
    {
        var followUp = new FollowUp(Guid.NewGuid(), new DateOnly(2026, 11, 30), "call", null, new DateOnly(2026, 11, 20));
        var (calendar, clock) = Calendar(new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero));
        followUp.IsOverdueOn(calendar.Today(HongKong)).ShouldBeFalse();
        clock.Advance(TimeSpan.FromMinutes(2));
        followUp.IsOverdueOn(calendar.Today(HongKong)).ShouldBeTrue();
        followUp.IsOverdueOn(calendar.Today(Bogota)).ShouldBeFalse();
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero));
        followUp.IsOverdueOn(calendar.Today(Bogota)).ShouldBeTrue();
    }

    [Fact]
    public void An_mou_year_and_its_end_turn_at_midnight_where_the_institution_is()
    {
        var (calendar, clock) = Calendar(new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero));
        var ledger = new PartnershipLifecycle.EngagementHealth.CommitmentLedger
        {
            Mou = new(new DateOnly(2025, 12, 1), new DateOnly(2027, 11, 30), new Commitments(6, 1, 1, false)),
        };
        ledger.YearOn(calendar.Today(HongKong))!.StartsOn.ShouldBe(new DateOnly(2025, 12, 1));
        clock.Advance(TimeSpan.FromMinutes(2));
        ledger.YearOn(calendar.Today(HongKong))!.StartsOn.ShouldBe(new DateOnly(2026, 12, 1));
        ledger.YearOn(calendar.Today(Bogota))!.StartsOn.ShouldBe(new DateOnly(2025, 12, 1));

        // The MOU's end falls at the start of the day after its last day, there.
        MouTermSchedule.StartOf(new DateOnly(2026, 12, 1), calendar.ZoneOf(HongKong)).ShouldBe(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
        MouTermSchedule.StartOf(new DateOnly(2026, 12, 1), calendar.ZoneOf(Bogota)).ShouldBe(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_daily_checks_run_for_an_institution_in_the_hour_its_own_clock_reads_two()
    {
        var (calendar, clock) = Calendar(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero)); // 02:00 in Hong Kong
        calendar.LocalNow(HongKong).Hour.ShouldBe(HealthWatchHandlers.DailyChecksHour);
        calendar.LocalNow(Bogota).Hour.ShouldNotBe(HealthWatchHandlers.DailyChecksHour);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero)); // 02:00 in Bogotá
        calendar.LocalNow(Bogota).Hour.ShouldBe(HealthWatchHandlers.DailyChecksHour);
    }
}

/// <summary>Issue 18, point 2, without a database: MOU automation on history typed in after the fact.</summary>
public class MouTermScheduleTests
{
    private static readonly MouSettings Settings = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 43, 0, TimeSpan.Zero);

    [Fact]
    public void An_mou_that_ended_before_it_was_entered_gets_no_reminder_and_its_end_waits_the_grace_period()
    {
        var (messages, hold) = MouTermSchedule.For(Guid.NewGuid(), new DateOnly(2025, 7, 27), TimeZoneInfo.Utc, Now, Settings);

        hold.ShouldNotBeNull().NotBefore.ShouldBe(Now + Settings.GraceAfterEntry);
        dynamic delayed = messages.ShouldHaveSingleItem();
        ((object)delayed.Message).ShouldBeOfType<EndMouTerm>();
        ((TimeSpan?)delayed.Options.ScheduleDelay).ShouldBe(Settings.GraceAfterEntry);
    }

    [Fact]
    public void An_mou_ending_far_ahead_is_scheduled_without_a_hold()
    {
        var (messages, hold) = MouTermSchedule.For(Guid.NewGuid(), new DateOnly(2027, 11, 30), TimeZoneInfo.Utc, Now, Settings);
        hold.ShouldBeNull();
        messages.Count.ShouldBe(2);
    }

    [Fact]
    public void The_loss_is_dated_the_day_after_the_end_and_no_reminder_follows_an_end_that_passed()
    {
        var partner = Given.InStage(Stage.Active);
        var mou = partner.ActiveMou!;
        var muchLater = mou.EndsOn.AddDays(500);

        var lost = MouTermHandlers.DecideEnd(partner, new EndMouTerm(partner.Id, mou.EndsOn), muchLater).Events.ShouldHaveSingleItem()
            .ShouldBeOfType<PartnershipLifecycle.Partners.Losing.PartnershipLost>();
        lost.OccurredOn.ShouldBe(mou.EndsOn.AddDays(1));

        MouTermHandlers.DecideReminder(partner, new RemindMouExpiry(partner.Id, mou.EndsOn), mou.EndsOn.AddDays(1)).Events.ShouldBeEmpty();
        MouTermHandlers.DecideReminder(partner, new RemindMouExpiry(partner.Id, mou.EndsOn), mou.EndsOn).Events.ShouldHaveSingleItem();
    }
}
