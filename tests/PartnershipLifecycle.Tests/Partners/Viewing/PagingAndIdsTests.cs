using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Viewing;

/// <summary>Issue 12, section 4: paging, sorting and ids answer as a user expects, never 500.</summary>
public class PagingAndIdsTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string ZeroId = "00000000-0000-0000-0000-000000000000";

    [Theory]
    [InlineData("page=2147483647&pageSize=200")]
    [InlineData("page=2147483647&pageSize=1")]
    [InlineData("page=10737419&pageSize=200")]
    [InlineData("page=2147483647&pageSize=200&band=healthy")]
    public async Task A_page_far_past_the_end_is_empty_with_the_true_total(string query)
    {
        await NewPartner();
        var page = (await Coordinator.Get($"/api/partners?{query}")).Json();
        page["items"]!.AsArray().ShouldBeEmpty();
        page["total"]!.GetValue<long>().ShouldBe(query.Contains("band") ? page["total"]!.GetValue<long>() : 1);
    }

    [Theory]
    [InlineData("page=2147483648")]
    [InlineData("page=-1")]
    [InlineData("page=0")]
    [InlineData("pageSize=201")]
    [InlineData("pageSize=-2147483648")]
    [InlineData("pageSize=99999999999")]
    public async Task Paging_out_of_range_is_400_naming_the_parameter(string query)
    {
        var answer = (await Coordinator.Get($"/api/partners?{query}", 400)).Json();
        answer["errors"]![query.Split('=')[0]].ShouldNotBeNull();
    }

    [Fact]
    public async Task Total_is_the_number_of_matching_partners_whatever_the_page()
    {
        for (var i = 0; i < 7; i++)
        {
            await NewPartner($"Partner {i}");
        }

        var past = (await Coordinator.Get("/api/partners?pageSize=2&page=5")).Json();
        past["items"]!.AsArray().ShouldBeEmpty();
        past["total"]!.GetValue<long>().ShouldBe(7);
        var last = (await Coordinator.Get("/api/partners?pageSize=2&page=4")).Json();
        last["items"]!.AsArray().Count.ShouldBe(1);
        last["total"]!.GetValue<long>().ShouldBe(7);
    }

    [Fact]
    public async Task Names_sort_as_people_expect_ignoring_case_and_accents()
    {
        foreach (var name in new[] { "Zebra Print", "Éclair Patisserie", "Banana Farm", "apple Orchard", "über Logistics", "Ostrich Eggs" })
        {
            await NewPartner(name);
        }

        var items = (await Coordinator.Get("/api/partners?pageSize=50")).Json()["items"]!.AsArray();
        items.Select(i => i!["name"]!.GetValue<string>()).ShouldBe(
            ["apple Orchard", "Banana Farm", "Éclair Patisserie", "Ostrich Eggs", "über Logistics", "Zebra Print"]);

        // Pages follow the same order, without gaps or repeats.
        var paged = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            paged.AddRange((await Coordinator.Get($"/api/partners?pageSize=2&page={page}")).Json()["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        }

        paged.ShouldBe(items.Select(i => i!["name"]!.GetValue<string>()));
    }

    /// <summary>
    /// The list sorts on plain columns duplicated from the document (<c>sort_name</c>, <c>name</c>) under its index: they
    /// hold exactly what the document holds, and the database is as the store configures it, so that no start
    /// recreates an index (Weasel compares each index with PostgreSQL's own rewrite of it).
    /// </summary>
    [Fact]
    public async Task The_list_order_columns_equal_the_document_and_the_schema_needs_no_change()
    {
        foreach (var name in new[] { "Zebra Print", "Éclair Patisserie", "apple Orchard" })
        {
            await NewPartner(name);
        }

        await using var session = Store.QuerySession(Tenant);
        var table = Store.Options.Schema.For<Partner>();
        var rows = await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {table} as d where d.tenant_id = ? and d.sort_name = d.data ->> 'sortName' and d.name = d.data ->> 'name'",
            TestContext.Current.CancellationToken, Tenant);
        rows.Single().ShouldBe(3);
        var index = await session.AdvancedSql.QueryAsync<string>(
            "select indexdef from pg_indexes where indexname = ?", TestContext.Current.CancellationToken, PartnershipLifecycle.Partners.Configuration.ListIndex);
        index.Single().ShouldContain("(tenant_id, sort_name, name, id) INCLUDE (stage, sector, channel)");

        var migration = await Store.Storage.Database.CreateMigrationAsync(TestContext.Current.CancellationToken);
        migration.Difference.ShouldBe(Weasel.Core.SchemaPatchDifference.None,
            string.Join("; ", migration.Deltas.Where(d => d.Difference != Weasel.Core.SchemaPatchDifference.None).Select(d => d.SchemaObject.Identifier.ToString())));
    }

    [Theory]
    [InlineData("outreach", """{"channel":"email","summary":"hi","occurredOn":"2026-01-01"}""")]
    [InlineData("follow-ups", """{"dueOn":"2026-01-01","purpose":"p"}""")]
    [InlineData("mou/renew", """{"endsOn":"2027-01-01","occurredOn":"2026-01-01"}""")]
    [InlineData("lost", """{"reason":"capacity_change","occurredOn":"2026-01-01"}""")]
    [InlineData("follow-ups/00000000-0000-0000-0000-000000000000/complete", """{"occurredOn":"2026-01-01"}""")]
    [InlineData("contacts/00000000-0000-0000-0000-000000000000/departed", """{"occurredOn":"2026-01-01"}""")]
    public async Task A_command_on_the_all_zero_partner_id_is_404(string route, string body) =>
        await Coordinator.Post($"/api/partners/{ZeroId}/{route}", body, 404);

    [Theory]
    [InlineData("/api/partners/" + ZeroId)]
    [InlineData("/api/partners/" + ZeroId + "?version=1")]
    [InlineData("/api/partners/" + ZeroId + "?asOf=2026-01-01T00:00:00Z")]
    [InlineData("/api/partners/" + ZeroId + "/history")]
    [InlineData("/api/partners/" + ZeroId + "/story")]
    [InlineData("/api/partners/" + ZeroId + "/health")]
    public async Task A_read_of_the_all_zero_partner_id_is_404(string url) => await Coordinator.Get(url, 404);

    [Fact]
    public async Task The_all_zero_id_on_alerts_and_webhooks_is_404()
    {
        await Coordinator.Post($"/api/alerts/{ZeroId}/acknowledge", new { }, 404);
        var admin = As("admin");
        await admin.Get($"/api/admin/webhooks/{ZeroId}/deliveries", 404);
        await Host.Scenario(s =>
        {
            s.Delete.Url($"/api/admin/webhooks/{ZeroId}");
            s.WithRequestHeader("Authorization", "Bearer " + Fixture.TokenFor(Tenant, "admin"));
            s.StatusCodeShouldBe(404);
        });
    }

    [Theory]
    [InlineData("/api/alerts?status=nope", "status")]
    [InlineData("/api/alerts?kind=nope", "kind")]
    [InlineData("/api/health?band=nope", "band")]
    public async Task Bad_filters_on_every_list_are_400_naming_the_parameter(string url, string parameter) =>
        (await Coordinator.Get(url, 400)).Json()["errors"]![parameter].ShouldNotBeNull();

    [Fact]
    public async Task Health_lists_the_same_order_every_time_and_ties_by_name_as_people_expect()
    {
        foreach (var name in new[] { "zeta Works", "Alpha Works", "Émile Works" })
        {
            await NewPartner(name);
        }

        await ProjectionsCaughtUp();
        var names = (await Coordinator.Get("/api/health")).Json()["items"]!.AsArray().Select(h => h!["partnerName"]!.GetValue<string>()).ToArray();
        names.ShouldBe(["Alpha Works", "Émile Works", "zeta Works"]);
    }
}
