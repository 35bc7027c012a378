using System.Text.Json.Nodes;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Analytics;

/// <summary>
/// Each analytics answer on a data set with known numbers: 12 partners from 3 channels, in JSON, CSV and the
/// analytics SQL tables.
/// </summary>
public class AnalyticsTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private Caller Analyst => As(Roles.Analyst);

    private async Task<Guid> Partner(string name, string channel, int prospectedDaysAgo, Guid? referrer = null)
    {
        var id = Guid.NewGuid();
        await Coordinator.Post("/api/partners", new
        {
            id, name, sector = "creative_technology", channel, referredByPartnerId = referrer, occurredOn = Today.AddDays(-prospectedDaysAgo),
        }, 201);
        return id;
    }

    private Task Do(Guid id, string route, object body) => Coordinator.Post($"/api/partners/{id}/{route}", body, 200);

    private Task Contact(Guid id, int daysAgo) => Do(id, "outreach", new { channel = "email", summary = "hello", occurredOn = Today.AddDays(-daysAgo) });

    private Task Pitch(Guid id, int daysAgo) =>
        Do(id, "pitches", new { valueProposition = "talent", offerings = new[] { "work_placement" }, occurredOn = Today.AddDays(-daysAgo) });

    private Task Sign(Guid id, int daysAgo, int years = 1) => Do(id, "mou", new
    {
        signedOn = Today.AddDays(-daysAgo), startsOn = Today.AddDays(-daysAgo), endsOn = Today.AddDays(-daysAgo).AddYears(years),
        commitments = new { placementsPerYear = 12, mentors = 2, guestSessionsPerYear = 4, advisoryBoardSeat = true },
    });

    private Task Lose(Guid id, string reason, int daysAgo) => Do(id, "lost", new { reason, occurredOn = Today.AddDays(-daysAgo) });

    /// <summary>The twelve partners; answers A5, the partner with a running second MOU year.</summary>
    private async Task<Guid> TwelvePartners()
    {
        // chamber_of_commerce: 5
        await Partner("A1 Prospect", "chamber_of_commerce", 10);
        await Contact(await Partner("A2 Contacted", "chamber_of_commerce", 10), 9);
        var a3 = await Partner("A3 Declined", "chamber_of_commerce", 10);
        await Contact(a3, 9);
        await Pitch(a3, 8);
        await Do(a3, "pitch-outcome", new { outcome = "declined", reason = "no budget", occurredOn = Today.AddDays(-7) });
        var a4 = await Partner("A4 Active", "chamber_of_commerce", 30);
        await Contact(a4, 29);
        await Pitch(a4, 20);
        await Sign(a4, 10);
        var a5 = await Partner("A5 Veteran", "chamber_of_commerce", 420);
        await Contact(a5, 415);
        await Pitch(a5, 410);
        await Sign(a5, 400, years: 2);
        await Do(a5, "engagements", new { type = "work_placement", occurredOn = Today.AddDays(-100), studentsReached = 5, hours = 200 });
        await Do(a5, "engagements", new { type = "work_placement", occurredOn = Today.AddDays(-20), studentsReached = 3, hours = 120 });
        await Do(a5, "engagements", new { type = "guest_talk", occurredOn = Today.AddDays(-5), studentsReached = 60, hours = 1.5 });
        await Do(a5, "contacts", new { name = "Max Mentor", role = "mentor", occurredOn = Today.AddDays(-300) });

        // alumni_network: 4
        var b1 = await Partner("B1 Piloting", "alumni_network", 20);
        await Contact(b1, 19);
        await Pitch(b1, 15);
        await Do(b1, "pilot", new { description = "demo", startsOn = Today.AddDays(-10), endsOn = Today.AddDays(10) });
        var b2 = await Partner("B2 Piloted", "alumni_network", 50);
        await Contact(b2, 45);
        await Pitch(b2, 40);
        await Do(b2, "pilot", new { description = "demo", startsOn = Today.AddDays(-30), endsOn = Today.AddDays(-20) });
        await Sign(b2, 10);
        var b3 = await Partner("B3 Lost Early", "alumni_network", 20);
        await Contact(b3, 19);
        await Lose(b3, "capacity_change", 5);
        await Partner("B4 Prospect", "alumni_network", 3);

        // partner_referral: 3, referred by A4
        var c1 = await Partner("C1 Turned Over", "partner_referral", 430, a4);
        await Contact(c1, 429);
        await Pitch(c1, 420);
        await Sign(c1, 400);
        await Lose(c1, "personnel_turnover", 300);
        await Contact(await Partner("C2 Contacted", "partner_referral", 5, a4), 4);
        await Partner("C3 Prospect", "partner_referral", 2, a4);

        await ProjectionsCaughtUp();
        return a5;
    }

    [Fact]
    public async Task Funnel_channels_losses_and_commitments_have_the_known_numbers_in_json_csv_and_sql()
    {
        var a5 = await TwelvePartners();

        // funnel
        var funnel = (await Analyst.Get("/api/analytics/funnel")).Json();
        var stages = funnel["stages"]!.AsArray().ToDictionary(s => s!["stage"]!.GetValue<string>());
        stages.Keys.ShouldBe(["prospect", "contacted", "pitched", "piloting", "active"]);
        stages.Values.Select(s => s!["reached"]!.GetValue<int>()).ShouldBe([12, 9, 6, 2, 4]);
        stages["prospect"]!["conversionFromPrevious"].ShouldBeNull();
        stages["contacted"]!["conversionFromPrevious"]!.GetValue<double>().ShouldBe(0.75);
        stages["pitched"]!["conversionFromPrevious"]!.GetValue<double>().ShouldBe(0.6667);
        stages["piloting"]!["conversionFromPrevious"]!.GetValue<double>().ShouldBe(0.3333);
        stages["active"]!["conversionFromPrevious"]!.GetValue<double>().ShouldBe(0.6667); // from pitched
        funnel["lost"]!.GetValue<int>().ShouldBe(3);

        var recent = (await Analyst.Get($"/api/analytics/funnel?from={Today.AddDays(-60):yyyy-MM-dd}&to={Today:yyyy-MM-dd}")).Json();
        recent["stages"]![0]!["reached"]!.GetValue<int>().ShouldBe(10);

        // channels
        var channels = (await Analyst.Get("/api/analytics/channels")).Json()["channels"]!.AsArray()
            .ToDictionary(c => c!["channel"]!.GetValue<string>());
        Row(channels["chamber_of_commerce"]).ShouldBe("5 3 2 0.4 20 2 1 1 1 1");
        Row(channels["alumni_network"]).ShouldBe("4 2 1 0.25 40 1 1 0 0 -");
        Row(channels["partner_referral"]).ShouldBe("3 1 1 0.3333 30 0 1 1 0 0");

        // losses
        var losses = (await Analyst.Get("/api/analytics/losses")).Json();
        losses["total"]!.GetValue<int>().ShouldBe(3);
        var reasons = losses["reasons"]!.AsArray().ToDictionary(r => r!["reason"]!.GetValue<string>());
        reasons.Keys.Order().ShouldBe(["capacity_change", "declined_pitch", "personnel_turnover"]);
        reasons.Values.ShouldAllBe(r => r!["count"]!.GetValue<int>() == 1 && r["share"]!.GetValue<double>() == 0.3333);
        reasons["declined_pitch"]!["fromStages"]!["pitched"]!.GetValue<int>().ShouldBe(1);
        reasons["capacity_change"]!["fromStages"]!["contacted"]!.GetValue<int>().ShouldBe(1);
        reasons["personnel_turnover"]!["fromStages"]!["active"]!.GetValue<int>().ShouldBe(1);

        // commitments: A5 is 35 days into its second MOU year
        var commitments = (await Analyst.Get("/api/analytics/commitments")).Json()["items"]!.AsArray();
        commitments.Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["A4 Active", "A5 Veteran", "B2 Piloted"]);
        var veteran = commitments.Single(c => c!["partnerId"]!.GetValue<Guid>() == a5)!;
        veteran["mouYearStartsOn"]!.GetValue<string>().ShouldBe(Today.AddDays(-400).AddYears(1).ToString("yyyy-MM-dd"));
        veteran["placements"]!["committed"]!.GetValue<int>().ShouldBe(12);
        veteran["placements"]!["delivered"]!.GetValue<int>().ShouldBe(3);
        veteran["mentors"]!["delivered"]!.GetValue<int>().ShouldBe(1);
        veteran["guestSessions"]!["delivered"]!.GetValue<int>().ShouldBe(1);

        // The partner page's query for one partner answers each row as the list does; another institution gets nothing.
        using (var scope = Host.Services.CreateScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<MediatR.IMediator>();
            foreach (var row in commitments)
            {
                var one = await mediator.Send(new PartnershipLifecycle.Analytics.GetPartnerCommitments(Tenant, row!["partnerId"]!.GetValue<Guid>()), TestContext.Current.CancellationToken);
                System.Text.Json.JsonSerializer.Serialize(one, PartnershipLifecycle.Platform.Json.PartnershipJson.Options).ShouldBe(row.ToJsonString());
            }

            (await mediator.Send(new PartnershipLifecycle.Analytics.GetPartnerCommitments("another-" + Tenant, a5), TestContext.Current.CancellationToken)).ShouldBeNull();
        }

        // The JSON answers hold the report alone: the CSV header is the CSV export's, not theirs.
        funnel.AsObject().Select(p => p.Key).ShouldBe(["from", "to", "stages", "lost"], ignoreOrder: true);
        (await Analyst.Get("/api/analytics/channels")).Json().AsObject().Select(p => p.Key).ShouldBe(["channels"]);
        losses.AsObject().Select(p => p.Key).ShouldBe(["total", "reasons"], ignoreOrder: true);
        (await Analyst.Get("/api/analytics/commitments")).Json().AsObject().Select(p => p.Key).ShouldBe(["asOf", "items", "total", "page", "pageSize"], ignoreOrder: true);

        // CSV
        var csv = await Analyst.Get("/api/analytics/channels", more: s => s.WithRequestHeader("Accept", "text/csv"));
        csv.Context.Response.ContentType.ShouldStartWith("text/csv");
        var lines = csv.ReadAsText().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("channel,prospects,pitched,signed,conversion_rate,median_days_to_mou,active_now,lost,signed_at_least_12_months_ago,retained_12_months,retention_rate_12_months,won_back");
        lines.ShouldContain("alumni_network,4,2,1,0.25,40,1,1,0,0,,0");
        var funnelCsv = (await Analyst.Get("/api/analytics/funnel", more: s => s.WithRequestHeader("Accept", "text/csv"))).ReadAsText();
        funnelCsv.ShouldStartWith("stage,reached,conversion_from_previous\r\nprospect,12,\r\n");
        funnelCsv.ShouldContain("active,4,0.6667\r\n");
        funnelCsv.ShouldContain("lost,3,\r\n");
        var lossesCsv = (await Analyst.Get("/api/analytics/losses", more: s => s.WithRequestHeader("Accept", "text/csv"))).ReadAsText();
        lossesCsv.ShouldStartWith("reason,from_stage,count,share_of_all_losses\r\n");
        lossesCsv.ShouldContain("personnel_turnover,active,1,0.3333");
        var commitmentsCsv = (await Analyst.Get("/api/analytics/commitments", more: s => s.WithRequestHeader("Accept", "text/csv"))).ReadAsText();
        commitmentsCsv.ShouldStartWith(
            "partner_id,name,stage,mou_year_starts_on,mou_year_ends_before,share_of_year_elapsed,placements_committed,placements_delivered," +
            "mentors_committed,mentors_delivered,guest_sessions_committed,guest_sessions_delivered\r\n");
        commitmentsCsv.ShouldContain($"{a5},A5 Veteran,active,");

        // SQL tables
        await using var connection = Store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        (await Scalar(connection, "select count(*) from analytics.partners where tenant_id = @t")).ShouldBe(12L);
        (await Scalar(connection, "select string_agg(to_stage, ',' order by seq_id) from analytics.stage_transitions where tenant_id = @t and partner_id = @p", a5))
            .ShouldBe("prospect,contacted,pitched,active");
        (await Scalar(connection, "select sum(students_reached) from analytics.engagements where tenant_id = @t and partner_id = @p and type = 'work_placement'", a5))
            .ShouldBe(8L);
        (await Scalar(connection, "select count(*) from analytics.losses where tenant_id = @t")).ShouldBe(3L);
        (await Scalar(connection, "select signed_on - prospected_on from analytics.partners where tenant_id = @t and partner_id = @p", a5)).ShouldBe(20);
    }

    [Fact]
    public async Task A_lost_partners_row_shows_no_mou_in_force_and_a_win_back_counts_for_its_own_channel()
    {
        var partner = await Partner("C1 Won Back", "chamber_of_commerce", 200);
        await Contact(partner, 190);
        await Pitch(partner, 180);
        await Sign(partner, 170);
        await Lose(partner, "personnel_turnover", 30);
        await Do(partner, "reactivate", new { channel = "alumni_network", occurredOn = Today.AddDays(-10) });
        await ProjectionsCaughtUp();

        await using var connection = Store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        // One rule: the MOU columns describe the MOU in force, and a lost partner has none (its commitments were kept before).
        (await Scalar(connection,
            "select concat_ws(',', mou_starts_on, mou_ends_on, placements_per_year, mou_amended_on) from analytics.partners where tenant_id = @t and partner_id = @p",
            partner)).ShouldBe("");
        (await Scalar(connection, "select signed_on is not null and channel = 'chamber_of_commerce' from analytics.partners where tenant_id = @t and partner_id = @p", partner))
            .ShouldBe(true);

        // The win-back keeps its first channel for the funnel and channel figures, and counts as won back for the channel it came through.
        var channels = (await Analyst.Get("/api/analytics/channels")).Json()["channels"]!.AsArray()
            .ToDictionary(c => c!["channel"]!.GetValue<string>());
        channels["chamber_of_commerce"]!["prospects"]!.GetValue<int>().ShouldBe(1);
        channels["chamber_of_commerce"]!["wonBack"]!.GetValue<int>().ShouldBe(0);
        channels["alumni_network"]!["wonBack"]!.GetValue<int>().ShouldBe(1);
        channels["alumni_network"]!["prospects"]!.GetValue<int>().ShouldBe(0);
    }

    private async Task<object?> Scalar(NpgsqlConnection connection, string sql, Guid? partner = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("t", Tenant);
        command.Parameters.AddWithValue("p", partner ?? Guid.Empty);
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull ? null : value;
    }

    private static string Row(JsonNode? c) => string.Join(' ', new[]
    {
        "prospects", "pitched", "signed", "conversionRate", "medianDaysToMou", "activeNow", "lost", "signedAtLeast12MonthsAgo",
        "retained12Months", "retentionRate12Months",
    }.Select(k => c![k]?.ToString() ?? "-"));

    [Fact]
    public async Task Analytics_is_for_analysts_and_admins_and_sees_only_its_tenant()
    {
        await Coordinator.Get("/api/analytics/funnel", 403);
        await As(Roles.Auditor).Get("/api/analytics/channels", 403);
        await As(Roles.Admin).Get("/api/analytics/losses");
        await Analyst.Get("/api/analytics/commitments");

        await NewPartner();
        await ProjectionsCaughtUp();
        (await Analyst.Get("/api/analytics/funnel")).Json()["stages"]![0]!["reached"]!.GetValue<int>().ShouldBe(1);
        (await As(Roles.Analyst, tenant: "other-" + Tenant).Get("/api/analytics/funnel")).Json()["stages"]![0]!["reached"]!.GetValue<int>().ShouldBe(0);
        await Analyst.Get("/api/analytics/funnel?from=2026-02-01&to=2026-01-01", 400);
        await Analyst.Get("/api/analytics/funnel?from=soon", 400);
    }
}
