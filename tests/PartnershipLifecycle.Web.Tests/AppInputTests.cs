using System.Globalization;
using Microsoft.Playwright;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>
/// What a newcomer found by trying the app (2026-12-01): the partner list's next page showed page 1 again ("page" is
/// a Razor Pages route value), a far "as it was on" date answered 500, and a form whose version field was tampered
/// with was sent without its precondition.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AppInputTests(WebAppFixture app)
{
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_next_page_is_the_next_page_a_far_as_of_date_is_now_and_a_tampered_version_is_refused()
    {
        var tenant = "inp-" + Guid.NewGuid().ToString("N")[..10];
        var today = Day(DateOnly.FromDateTime(DateTime.UtcNow));
        using var api = app.Api(tenant);
        var ids = new List<Guid>();
        // 26 partners: one more than a page of the list (25).
        for (var i = 0; i < 26; i++)
        {
            ids.Add((await api.PostJsonAsync("/api/partners", new { name = $"Partner {i:00}", sector = "retail", channel = "inbound", occurredOn = today }))
                .GetProperty("partnerId").GetGuid());
        }

        await app.RunAsync(nameof(The_next_page_is_the_next_page_a_far_as_of_date_is_now_and_a_tampered_version_is_refused), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann");

            await page.GotoAsync("/app/partners");
            await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
            await Expect(page.Locator("nav.pager")).ToContainTextAsync("2");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Partner 25" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Partner 00" })).ToHaveCountAsync(0);

            // The last day there is: the partner as it is now, not a 500.
            var far = await page.GotoAsync($"/app/partners/{ids[0]}?asOf=9999-12-31");
            far!.Status.ShouldBe(200);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Partner 00");

            // A version that is not a number: refused, and nothing is written.
            await page.Locator("summary", new() { HasText = "Log a communication" }).ClickAsync();
            await page.Locator("#communication-summary").FillAsync("Called about the open day");
            await page.Locator("#form-communication input[name=version]").EvaluateAsync("e => e.value = 'abc'");
            var refused = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Log communication" }).ClickAsync(),
                r => r.Request.Method == "POST");
            refused.Status.ShouldBe(400);
            var history = await api.GetStringAsync($"/api/partners/{ids[0]}/history");
            history.ShouldNotContain("communication_logged");
        });
    }

    [Fact]
    public async Task Today_pages_its_open_alerts_and_a_page_past_the_end_shows_the_last()
    {
        var tenant = "inp-" + Guid.NewGuid().ToString("N")[..10];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var api = app.Api(tenant);
        // 26 sole champions leave: 52 open alerts (champion departed, no active contact), one more page than 50.
        for (var i = 0; i < 26; i++)
        {
            var partner = (await api.PostJsonAsync("/api/partners", new { name = $"Partner {i:00}", sector = "retail", channel = "inbound", occurredOn = Day(today.AddYears(-1)) }))
                .GetProperty("partnerId").GetGuid();
            await api.PostJsonAsync($"/api/partners/{partner}/outreach", new { channel = "email", summary = "hello", occurredOn = Day(today.AddYears(-1)) });
            var contact = (await api.PostJsonAsync($"/api/partners/{partner}/contacts", new { name = "Solo Champion", role = "champion", occurredOn = Day(today.AddYears(-1)) }))
                .GetProperty("contactId").GetGuid();
            await api.PostJsonAsync($"/api/partners/{partner}/contacts/{contact}/departed", new { occurredOn = Day(today) });
        }

        // The turnover read model is asynchronous: wait until it holds every alert.
        await Eventually.Async(async () => (await api.GetStringAsync("/api/alerts?status=open")).Contains("\"total\":52"),
            TimeSpan.FromSeconds(30), "52 open alerts");

        await app.RunAsync(nameof(Today_pages_its_open_alerts_and_a_page_past_the_end_shows_the_last), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann");

            await page.GotoAsync("/app/today");
            await Expect(page.Locator("#alerts-heading .count")).ToHaveTextAsync("52");
            await Expect(page.Locator("li[data-alert]")).ToHaveCountAsync(50);
            await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
            await Expect(page.Locator("li[data-alert]")).ToHaveCountAsync(2);

            await page.GotoAsync("/app/today?alertsPage=2147483647");
            await Expect(page.Locator("li[data-alert]")).ToHaveCountAsync(2);
            await Expect(page.Locator("nav.pager")).ToContainTextAsync("2");
        });
    }
}
