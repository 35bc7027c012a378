using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Analytics;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// Issue 16, item 2: every list answers <c>{items, total, page, pageSize}</c>, paged, filtered and sorted in the
/// database with a stable order (ties broken by id), and paging through it with any page size gives each item once.
/// </summary>
public class ListPagingTests(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>Every paged list but <c>/api/partners</c> (PagingAndIdsTests) and <c>/api/health</c> (its own feature), with a role that may read it.</summary>
    public static TheoryData<string, string> Lists() => new()
    {
        { "/api/alerts", Roles.Coordinator },
        { "/api/analytics/commitments", Roles.Analyst },
        { "/api/admin/webhooks", Roles.Admin },
        { "/api/admin/webhooks/6f1d9c2e-3b7a-4c1e-9a55-0d2b8e4f7a10/deliveries", Roles.Admin },
        { "/api/admin/audit", Roles.Auditor },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Paging_out_of_range_is_400_naming_the_parameter(string list, string role)
    {
        foreach (var query in new[] { "page=0", "page=-1", "page=2147483648", "pageSize=0", "pageSize=201", "pageSize=-2147483648", "pageSize=99999999999", "page=x" })
        {
            var answer = (await As(role).Get($"{list}?{query}", 400)).Json();
            answer["errors"]![query.Split('=')[0]].ShouldNotBeNull($"{list}?{query}");
        }
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task An_empty_list_and_a_page_far_past_its_end_are_empty_with_the_true_total(string list, string role)
    {
        if (list.EndsWith("/deliveries", StringComparison.Ordinal))
        {
            // A webhook of this tenant, with no delivery yet.
            var webhook = await RegisterWebhook(0);
            list = $"/api/admin/webhooks/{webhook}/deliveries";
        }

        var first = (await As(role).Get(list)).Json();
        first["page"]!.GetValue<int>().ShouldBe(1);
        first["pageSize"]!.GetValue<int>().ShouldBe(20);
        var total = first["total"]!.GetValue<long>();
        first["items"]!.AsArray().Count.ShouldBe((int)Math.Min(total, 20));

        var far = (await As(role).Get($"{list}?page=2147483647&pageSize=200")).Json();
        far["items"]!.AsArray().ShouldBeEmpty();
        far["total"]!.GetValue<long>().ShouldBe(total);
        far["page"]!.GetValue<int>().ShouldBe(int.MaxValue);
        far["pageSize"]!.GetValue<int>().ShouldBe(200);
    }

    [Fact]
    public async Task Alerts_page_newest_first_ties_by_id_and_filter_by_status_and_kind()
    {
        // Each departing sole champion raises two alerts with one event (champion_departed and no_active_contact):
        // the same raisedAt, so the order of each pair is the tie-break's.
        for (var i = 0; i < 9; i++)
        {
            await PartnerWhoseChampionLeft();
        }

        await ProjectionsCaughtUp();
        var all = await Items("/api/alerts?pageSize=200", Roles.Coordinator);
        all.Count.ShouldBe(18);
        var acknowledged = all.Where((_, i) => i % 3 == 0).Select(a => a["id"]!.GetValue<Guid>()).ToArray();
        foreach (var id in acknowledged)
        {
            await Coordinator.Post($"/api/alerts/{id}/acknowledge", null, 200);
        }

        await ProjectionsCaughtUp();
        all = await Items("/api/alerts?pageSize=200", Roles.Coordinator);
        var order = all.Select(a => (At: a["raisedAt"]!.GetValue<DateTimeOffset>(), Id: a["id"]!.GetValue<string>())).ToArray();
        order.GroupBy(a => a.At).ShouldContain(g => g.Count() > 1, "the data set must have ties in raisedAt");
        order.ShouldBe([.. order.OrderByDescending(a => a.At).ThenByDescending(a => a.Id, StringComparer.Ordinal)]);

        foreach (var status in new[] { null, "open", "acknowledged", "resolved" })
        {
            foreach (var kind in new[] { null, "champion_departed", "no_active_contact", "high_turnover" })
            {
                var query = string.Join('&', new[] { status is null ? null : $"status={status}", kind is null ? null : $"kind={kind}", "pageSize=200" }.OfType<string>());
                var filtered = await Items($"/api/alerts?{query}", Roles.Coordinator);
                filtered.Select(a => a["id"]!.GetValue<Guid>()).ShouldBe(
                    all.Where(a => (status is null || a["status"]!.GetValue<string>() == status) && (kind is null || a["kind"]!.GetValue<string>() == kind))
                        .Select(a => a["id"]!.GetValue<Guid>()),
                    query);
            }
        }

        (await Items("/api/alerts?status=acknowledged&pageSize=200", Roles.Coordinator)).Count.ShouldBe(acknowledged.Length);
        await EveryPageSizeGivesEachItemOnceInOrder("/api/alerts", Roles.Coordinator, all);
        await EveryPageSizeGivesEachItemOnceInOrder("/api/alerts?status=open", Roles.Coordinator,
            [.. all.Where(a => a["status"]!.GetValue<string>() == "open")]);
    }

    [Fact]
    public async Task Commitments_page_by_name_ties_by_id_and_the_csv_export_has_every_partner()
    {
        // Partners with an MOU running today (active and paused; three of one name), and some without (not listed).
        var running = new List<Guid>();
        foreach (var name in new[] { "Delta Works", "alpha Tools", "Same Name", "Same Name", "Same Name", "Bravo Labs", "Echo Studio" })
        {
            var id = await NewPartner(name, extra: new { allowDuplicate = true });
            await Advance(id, Stage.Active);
            running.Add(id);
        }

        running.Add(await PartnerAt(Stage.Paused));
        await PartnerAt(Stage.Pitched);
        var lost = await PartnerAt(Stage.Active);
        await Advance(lost, Stage.Lost);
        await ProjectionsCaughtUp();

        var all = await Items("/api/analytics/commitments?pageSize=200", Roles.Analyst);
        all.Select(c => c["partnerId"]!.GetValue<Guid>()).ShouldBe(running, ignoreOrder: true);
        var order = all.Select(c => (Name: c["name"]!.GetValue<string>(), Id: c["partnerId"]!.GetValue<string>())).ToArray();
        order.Count(c => c.Name == "Same Name").ShouldBe(3);
        // By name (the database's collation), ties by id: the three of one name are together, by id.
        order.Where(c => c.Name == "Same Name").Select(c => c.Id).ShouldBe(order.Where(c => c.Name == "Same Name").Select(c => c.Id).Order(StringComparer.Ordinal));
        var same = order.Select((c, i) => (c.Name, Index: i)).Where(c => c.Name == "Same Name").Select(c => c.Index).ToArray();
        (same[^1] - same[0]).ShouldBe(2);
        await EveryPageSizeGivesEachItemOnceInOrder("/api/analytics/commitments", Roles.Analyst, all);

        // The CSV export is the whole list in the same order, whatever the page asked for.
        var csv = (await As(Roles.Analyst).Get("/api/analytics/commitments?pageSize=1&page=3", more: s => s.WithRequestHeader("Accept", "text/csv"))).ReadAsText();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("partner_id,name,stage,");
        lines.Skip(1).Select(l => Guid.Parse(l.Split(',')[0])).ShouldBe(all.Select(c => c["partnerId"]!.GetValue<Guid>()));

        // The export reads the database in keyset batches: with batches of 1, 2 and 3 (ties within and across batches), the same partners in the same order.
        foreach (var batchSize in new[] { 1, 2, 3, 500 })
        {
            var exported = new List<Guid>();
            await using var scope = Host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new ExportCommitments(Tenant, (batch, _) =>
                {
                    batch.Count.ShouldBeLessThanOrEqualTo(batchSize);
                    exported.AddRange(batch.Select(c => c.PartnerId));
                    return Task.CompletedTask;
                }, batchSize),
                TestContext.Current.CancellationToken);
            exported.ShouldBe(all.Select(c => c["partnerId"]!.GetValue<Guid>()), $"batches of {batchSize}");
        }
    }

    [Fact]
    public async Task Webhooks_and_the_audit_trail_page_in_order_ties_by_id()
    {
        // Registered at one instant of the test clock: every createdAt ties, so the order is the ids'.
        for (var i = 0; i < 13; i++)
        {
            await RegisterWebhook(i);
        }

        var webhooks = await Items("/api/admin/webhooks?pageSize=200", Roles.Admin);
        webhooks.Count.ShouldBe(13);
        var order = webhooks.Select(w => (At: w["createdAt"]!.GetValue<DateTimeOffset>(), Id: w["id"]!.GetValue<string>())).ToArray();
        order.ShouldBe([.. order.OrderBy(w => w.At).ThenBy(w => w.Id, StringComparer.Ordinal)]);
        await EveryPageSizeGivesEachItemOnceInOrder("/api/admin/webhooks", Roles.Admin, webhooks);

        var audit = await Items("/api/admin/audit?pageSize=200", Roles.Auditor);
        audit.Count.ShouldBe(13);
        audit.Select(e => e["version"]!.GetValue<long>()).ShouldBe(Enumerable.Range(1, 13).Select(v => (long)v));
        await EveryPageSizeGivesEachItemOnceInOrder("/api/admin/audit", Roles.Auditor, audit);
    }

    /// <summary>
    /// The property: for every page size from 1 to one past the list's length (and the largest, 200), reading page
    /// after page until one comes back short gives exactly <paramref name="all"/>, in order, each item once, with the
    /// same total on every page; the page after the last is empty.
    /// </summary>
    private async Task EveryPageSizeGivesEachItemOnceInOrder(string list, string role, IReadOnlyList<JsonNode> all)
    {
        var separator = list.Contains('?') ? '&' : '?';
        var expected = all.Select(i => i.ToJsonString()).ToArray();
        foreach (var size in Enumerable.Range(1, all.Count + 1).Append(200))
        {
            var seen = new List<string>();
            for (var page = 1; ; page++)
            {
                var answer = (await As(role).Get($"{list}{separator}page={page}&pageSize={size}")).Json();
                answer["total"]!.GetValue<long>().ShouldBe(all.Count, $"{list} pageSize={size} page={page}");
                answer["page"]!.GetValue<int>().ShouldBe(page);
                answer["pageSize"]!.GetValue<int>().ShouldBe(size);
                var items = answer["items"]!.AsArray();
                seen.AddRange(items.Select(i => i!.ToJsonString()));
                if (items.Count < size)
                {
                    break;
                }
            }

            seen.ShouldBe(expected, ignoreOrder: false, customMessage: $"{list} read with pageSize={size}");
        }
    }

    private async Task<List<JsonNode>> Items(string url, string role) =>
        [.. (await As(role).Get(url)).Json()["items"]!.AsArray().Select(i => i!)];

    [Fact]
    public async Task Todays_order_puts_escalated_alerts_first_then_the_longest_waiting_across_pages()
    {
        // Each recorded later but departed earlier than the one before: the business date's order is not the recording's.
        for (var i = 0; i < 6; i++)
        {
            await PartnerWhoseChampionLeft(Today.AddDays(-i));
        }

        await ProjectionsCaughtUp();
        var newest = await Items("/api/alerts?status=open&pageSize=200", Roles.Coordinator);
        newest.Count.ShouldBe(12);
        // The two newest alerts are escalated: the API's order shows them first anyway, so escalate two of the oldest.
        var escalated = newest.TakeLast(3).Take(2).ToArray();
        await using (var session = Store.LightweightSession(Tenant))
        {
            foreach (var alert in escalated)
            {
                session.Events.Append(alert["partnerId"]!.GetValue<Guid>(), new TurnoverAlertEscalated(alert["id"]!.GetValue<Guid>(), Today));
            }

            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await ProjectionsCaughtUp();
        var all = await Items("/api/alerts?status=open&pageSize=200", Roles.Coordinator);
        var expected = all
            .OrderByDescending(a => a["escalated"]!.GetValue<bool>())
            .ThenBy(a => a["raisedOn"]!.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(a => a["raisedAt"]!.GetValue<DateTimeOffset>())
            .ThenBy(a => a["id"]!.GetValue<string>(), StringComparer.Ordinal)
            .Select(a => a["id"]!.GetValue<Guid>())
            .ToList();
        expected.Take(2).ShouldBe(escalated.Select(a => a["id"]!.GetValue<Guid>()), ignoreOrder: true);

        var pages = new List<Guid>();
        await using var scope = Host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        for (var page = 1; page <= 3; page++)
        {
            var answer = await mediator.Send(new ListTurnoverAlerts(Tenant, AlertStatus.Open, Paging: new PageRequest(page, 5), Order: AlertOrder.EscalatedThenOldest),
                TestContext.Current.CancellationToken);
            answer.Total.ShouldBe(12);
            pages.AddRange(answer.Items.Select(a => a.Id));
        }

        pages.ShouldBe(expected);
    }

    private async Task PartnerWhoseChampionLeft(DateOnly? departedOn = null)
    {
        var partner = await PartnerAt(Stage.Contacted, identifiedOn: Today.AddYears(-1));
        var added = await Coordinator.Post($"/api/partners/{partner}/contacts", new { name = "Solo Champion", role = "champion", occurredOn = Today.AddYears(-1) }, 200);
        var contact = added.Json()["contactId"]!.GetValue<Guid>();
        await Coordinator.Post($"/api/partners/{partner}/contacts/{contact}/departed", new { occurredOn = departedOn ?? Today }, 200);
    }

    private async Task<Guid> RegisterWebhook(int i) =>
        (await As(Roles.Admin).Post("/api/admin/webhooks",
            new { url = $"https://hooks.example.com/hook/{i}", events = new[] { "partnership_lost" }, secret = "a-long-enough-secret-0" }, 201))
        .Json()["id"]!.GetValue<Guid>();
}
