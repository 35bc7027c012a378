using CsCheck;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Tests.Support;
using Wolverine;
using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.EngagementHealth;

/// <summary>The calendar's part of health, without a database: the next change date is never late.</summary>
public class NextChangeDateTests
{
    private static readonly HealthSettings Settings = new();

    private static readonly PartnerHealthProjection Projection =
        new(Settings, new InstitutionCalendar(TimeProvider.System, new ConfigurationBuilder().Build()));

    [Fact]
    public void No_day_before_the_next_change_date_answers_differently()
    {
        var today = Given.Day;
        Gen.Select(HealthHistory.Gen, Gen.Int[0, 400]).Sample((history, later) =>
        {
            var record = HealthHistory.Fold(Projection, Guid.NewGuid(), history.Events(today, "P"));
            var asOf = today.AddDays(later);
            var partner = record.Partner!;
            var answer = SameHealth.Text(HealthScoring.Assess(partner, record.Turnover, record.Ledger, asOf, Settings));
            var next = HealthScoring.NextChangeOn(partner, record.Turnover, record.Ledger, asOf, Settings);
            if (partner.Stage == Stage.Lost)
            {
                next.ShouldBeNull();
                return;
            }

            next?.ShouldBeGreaterThan(asOf);
            var until = next is { } n && n.DayNumber - asOf.DayNumber < 800 ? n : asOf.AddDays(800);
            for (var day = asOf.AddDays(1); day < until; day = day.AddDays(1))
            {
                SameHealth.Text(HealthScoring.Assess(partner, record.Turnover, record.Ledger, day, Settings))
                    .ShouldBe(answer, $"on {day}, before the next change date {next?.ToString() ?? "(never)"} of {asOf}");
            }
        }, iter: 300);
    }

    [Fact]
    public void A_partner_quiet_for_a_while_changes_tomorrow_and_a_fresh_one_when_the_first_step_is_passed()
    {
        var fresh = HealthHistory.Fold(Projection, Guid.NewGuid(), Given.EventsTo(Stage.Prospect).Prepend(Given.Prospect()));
        HealthScoring.NextChangeOn(fresh.Partner!, fresh.Turnover, fresh.Ledger, Given.Day, Settings)
            .ShouldBe(Given.Day.AddDays(Settings.InactiveDaysStep1 + 1));
        HealthScoring.NextChangeOn(fresh.Partner!, fresh.Turnover, fresh.Ledger, Given.Day.AddDays(40), Settings)
            .ShouldBe(Given.Day.AddDays(41));
    }
}

/// <summary>
/// Issue 16: the persisted health of every partner of a generated data set is what a fresh
/// <see cref="HealthScoring.Assess"/> of the partner and its read models answers, after the events and after the
/// calendar moves and the daily checks ran; and <c>/api/health</c> pages it from the database.
/// </summary>
public class PersistedHealthTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private HealthSettings Settings => Host.Services.GetRequiredService<IOptions<HealthSettings>>().Value;

    [Fact]
    public async Task The_persisted_health_of_every_partner_equals_a_fresh_assessment_also_after_the_calendar_moves()
    {
        var ct = TestContext.Current.CancellationToken;
        // Each sample is an institution of its own: 8 to 16 partners, then the calendar moved twice and the daily checks run.
        await Gen.Select(HealthHistory.Gen.Array[8, 16], Gen.Int[1, 120].Array[2]).SampleAsync(async (data, moves) =>
        {
            var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
            await using (var session = Store.LightweightSession(tenant))
            {
                var n = 0;
                foreach (var history in data)
                {
                    session.Events.StartStream<Partner>(Guid.NewGuid(), history.Events(Today, $"Partner {n++:00}"));
                }

                await session.SaveChangesAsync(ct);
            }

            await ProjectionsCaughtUp();
            await ShouldEqualFreshAssessments(tenant, ct);

            foreach (var days in moves)
            {
                Fixture.Clock.Advance(TimeSpan.FromDays(days));
                await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60))
                    .SendMessageAndWaitAsync(new DailyTenantChecks(tenant), new DeliveryOptions { TenantId = tenant });
                // The checks may append (an MOU expiring, an alert escalated): the async read models catch up first.
                await ProjectionsCaughtUp();
                await ShouldEqualFreshAssessments(tenant, ct);
                await using var query = Store.QuerySession(tenant);
                var today = Today;
                (await query.Query<PartnerHealthRecord>().CountAsync(r => r.NextChangeOn <= today, ct)).ShouldBe(0, "every due document was re-scored");
            }
        }, iter: 4, threads: 1);
    }

    private async Task ShouldEqualFreshAssessments(string tenant, CancellationToken ct)
    {
        var caller = As(Roles.Coordinator, tenant);
        await using var session = Store.QuerySession(tenant);
        var partners = await session.Query<Partner>().ToListAsync(ct);
        var today = Today;
        var fresh = new List<PartnerHealth>();
        foreach (var partner in partners)
        {
            var record = (await session.LoadAsync<PartnerHealthRecord>(partner.Id, ct)).ShouldNotBeNull();
            record.Version.ShouldBe(partner.Version);
            if (partner.Stage == Stage.Lost)
            {
                record.Health.ShouldBeNull();
                continue;
            }

            var assessed = HealthScoring.Assess(partner, await session.LoadAsync<PartnerTurnover>(partner.Id, ct),
                await session.LoadAsync<CommitmentLedger>(partner.Id, ct), today, Settings);
            SameHealth.Text(record.Health).ShouldBe(SameHealth.Text(assessed), $"partner {partner.Name} on {today}");
            fresh.Add(assessed);
        }

        // The list, read from the database page by page, is the fresh answers in their order.
        var expected = fresh.OrderBy(h => h.Score).ThenBy(h => PartnershipLifecycle.Partners.Viewing.NameSortKey.Of(h.PartnerName), StringComparer.Ordinal)
            .ThenBy(h => h.PartnerName, StringComparer.Ordinal).Select(SameHealth.Text).ToArray();
        var listed = new List<string>();
        for (var page = 1; ; page++)
        {
            var answer = (await caller.Get($"/api/health?page={page}&pageSize=5")).Json();
            answer["total"]!.GetValue<long>().ShouldBe(expected.Length);
            var items = answer["items"]!.AsArray();
            listed.AddRange(items.Select(i => SameHealth.Text(i!)));
            if (items.Count < 5)
            {
                break;
            }
        }

        listed.ShouldBe(expected);
        foreach (var band in Enum.GetValues<HealthBand>())
        {
            var inBand = fresh.Where(h => h.Band == band).Select(h => h.PartnerId).Order().ToArray();
            var wire = PartnershipLifecycle.Platform.Json.PartnershipJson.ToWire(band);
            (await caller.Get($"/api/health?band={wire}&pageSize=200")).Json()["items"]!.AsArray()
                .Select(i => i!["partnerId"]!.GetValue<Guid>()).Order().ShouldBe(inBand);
            (await caller.Get($"/api/partners?band={wire}&pageSize=200")).Json()["items"]!.AsArray()
                .Select(i => i!["id"]!.GetValue<Guid>()).Order().ShouldBe(inBand);
        }
    }

    [Fact]
    public async Task Health_pages_and_filters_by_score_in_the_database()
    {
        foreach (var name in new[] { "Delta", "alpha", "Charlie", "Bravo", "Échelon" })
        {
            await NewPartner(name + " Works");
        }

        await ProjectionsCaughtUp();
        var first = (await Coordinator.Get("/api/health?pageSize=2")).Json();
        first["total"]!.GetValue<long>().ShouldBe(5);
        first["page"]!.GetValue<int>().ShouldBe(1);
        first["pageSize"]!.GetValue<int>().ShouldBe(2);
        var names = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            names.AddRange((await Coordinator.Get($"/api/health?page={page}&pageSize=2")).Json()["items"]!.AsArray().Select(i => i!["partnerName"]!.GetValue<string>()));
        }

        names.ShouldBe(["alpha Works", "Bravo Works", "Charlie Works", "Delta Works", "Échelon Works"]);
        (await Coordinator.Get("/api/health?page=4&pageSize=2")).Json()["items"]!.AsArray().ShouldBeEmpty();
        (await Coordinator.Get("/api/health?minScore=100&maxScore=100")).Json()["total"]!.GetValue<long>().ShouldBe(5);
        (await Coordinator.Get("/api/health?maxScore=99")).Json()["total"]!.GetValue<long>().ShouldBe(0);
        (await Coordinator.Get("/api/health?band=at_risk")).Json()["total"]!.GetValue<long>().ShouldBe(0);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("minScore=-1", "minScore")]
    [InlineData("maxScore=99999999999", "maxScore")]
    [InlineData("minScore=50&maxScore=40", "maxScore")]
    public async Task Bad_paging_or_score_range_is_400_naming_the_parameter(string query, string parameter) =>
        (await Coordinator.Get($"/api/health?{query}", 400)).Json()["errors"]![parameter].ShouldNotBeNull();
}
