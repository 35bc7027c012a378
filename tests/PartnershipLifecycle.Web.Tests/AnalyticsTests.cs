using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>Analytics in the browser: charts with their tables, a CSV download, and only for analysts and admins.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnalyticsTests(WebAppFixture app)
{
    [Fact]
    public async Task An_analyst_reads_the_funnel_and_downloads_it_as_csv_and_a_coordinator_may_not()
    {
        var tenant = "ana-" + Guid.NewGuid().ToString("N")[..10];
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Aberdeen Boatworks", sector = "marine", channel = "inbound", occurredOn = today }))
            .GetProperty("partnerId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/outreach", new { channel = "phone", summary = "First call", occurredOn = today });
        // The funnel is an async read model: wait until it has the outreach.
        using var analystApi = app.Api(tenant, "analyst");
        await Eventually.Async(async () => (await analystApi.GetStringAsync("/api/analytics/funnel")).Contains("\"stage\":\"contacted\",\"reached\":1"),
            TimeSpan.FromSeconds(30), "the funnel counts the outreach");

        await app.RunAsync(nameof(An_analyst_reads_the_funnel_and_downloads_it_as_csv_and_a_coordinator_may_not), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, "analyst", "ada");
            await page.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Funnel: partners that reached each stage" })).ToBeVisibleAsync();
            await Expect(page.Locator("#funnel-table tr", new() { HasText = "Contacted" })).ToContainTextAsync("1");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV: Funnel: partners that reached each stage" }).ClickAsync());
            download.SuggestedFilename.ShouldBe("funnel.csv");
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            csv.ShouldStartWith("stage,reached,conversion_from_previous\r\n");
            csv.ShouldContain("contacted,1,");

            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ShouldBeEmpty();

            // A coordinator has no Analytics, as in the API (analyst or admin).
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await SignIn.AsAsync(page, tenant, "coordinator", "ann");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Analytics" })).ToHaveCountAsync(0);
            await page.GotoAsync("/app/analytics");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
        });
    }
}
