using System.Globalization;
using Microsoft.Playwright;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

using static PartnershipLifecycle.Web.Tests.Support.Dates;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>
/// What a newcomer found by trying the app (2026-12-01): the partner list's next page showed page 1 again ("page" is
/// a Razor Pages route value), a far "as it was on" date answered 500, and a form whose version field was tampered
/// with was sent without its precondition.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AppInputTests(WebAppFixture app)
{

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
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The form could not be read");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Partner 00");
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

    /// <summary>Signs in and opens a partner page as <paramref name="role"/>.</summary>

    /// <summary>
    /// Posts a form the page never offered, as a tampered or stale page would: built in the page with the session's
    /// antiforgery token (the sign-out form's), so that the post is the app's own kind of request.
    /// </summary>
    private static async Task<IResponse> PostFormAsync(IPage page, string action, IDictionary<string, string> fields) =>
        await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync(@"([action, fields]) => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = action;
                const token = document.querySelector('input[name=__RequestVerificationToken]').cloneNode();
                form.appendChild(token);
                for (const [name, value] of Object.entries(fields)) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }", new object[] { action, fields }),
            r => r.Request.Method == "POST");

    [Fact]
    public async Task Bad_query_values_get_the_page_with_a_message_never_raw_json()
    {
        var tenant = "inp-" + Guid.NewGuid().ToString("N")[..10];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Cheung Chau Ferries", sector = "transport", channel = "inbound", occurredOn = Day(today.AddDays(-3)) }))
            .GetProperty("partnerId").GetGuid();

        await app.RunAsync(nameof(Bad_query_values_get_the_page_with_a_message_never_raw_json), async context =>
        {
            var page = await SignIn.OpenAsync(context, tenant, Roles.Coordinator);

            // A text-direction override or a NUL in the search: the list, with the message beside the search box.
            foreach (var q in new[] { "%E2%80%AE", "%00", "ferries%E2%80%AE" })
            {
                var answer = await page.GotoAsync($"/app/partners?q={q}");
                answer!.Status.ShouldBe(400);
                (await answer.HeaderValueAsync("content-type"))!.ShouldStartWith("text/html");
                await Expect(page.Locator("#q-error")).ToContainTextAsync("text-direction control");
                await Expect(page.Locator("#q")).ToHaveAttributeAsync("aria-describedby", "q-error");
                await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cheung Chau Ferries" })).ToBeVisibleAsync();
            }

            // Unknown filters and a page that is no number: named, and not silently dropped.
            var filtered = await page.GotoAsync("/app/partners?stage=bogus&channel=nope&band=x&page=abc");
            filtered!.Status.ShouldBe(400);
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("Stage: “bogus” is not one of the choices");
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("Recruitment channel: “nope”");
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("“abc” is not a page number");

            // A page past the last: the last, said so; never "Page 3 of 1".
            (await page.GotoAsync("/app/partners?page=3"))!.Status.ShouldBe(200);
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("There is no page 3; the last page, 1, is shown.");
            await Expect(page.Locator("nav.pager")).ToContainTextAsync("Page 1 of 1");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cheung Chau Ferries" })).ToBeVisibleAsync();

            // Today's alerts: a bad page is named; a page past the last is said.
            (await page.GotoAsync("/app/today?alertsPage=-1"))!.Status.ShouldBe(400);
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("“-1” is not a page number");
            await page.GotoAsync("/app/today?alertsPage=7");
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("There is no page 7");

            // The partner page: a bad date and a bad way of counting are both named.
            var partner = await page.GotoAsync($"/app/partners/{id}?asOf=yesterday&by=%E2%80%AEdrocer");
            partner!.Status.ShouldBe(400);
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("“yesterday” is not a date");
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("“U+202Edrocer”");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cheung Chau Ferries");
            await AccessibilityTests.Scan(page, "query-notes");

            // Before the partner was identified: its name as the heading, with the note (not "Not found").
            await page.GotoAsync($"/app/partners/{id}?asOf={Day(today.AddDays(-10))}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cheung Chau Ferries");
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The partner was not yet known on that date.");
        });
    }

    [Fact]
    public async Task Tampered_refused_and_forbidden_posts_answer_the_page_with_a_message()
    {
        var tenant = "inp-" + Guid.NewGuid().ToString("N")[..10];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Ma On Shan Tiles", sector = "construction", channel = "inbound", occurredOn = Day(today.AddDays(-3)) }))
            .GetProperty("partnerId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/outreach", new { channel = "phone", summary = "Called", occurredOn = Day(today.AddDays(-2)) });

        await app.RunAsync(nameof(Tampered_refused_and_forbidden_posts_answer_the_page_with_a_message), async context =>
        {
            var page = await SignIn.OpenAsync(context, tenant, Roles.Coordinator);
            await page.GotoAsync($"/app/partners/{id}");
            var version = await page.Locator("#form-communication input[name=version]").InputValueAsync();

            // A form the page has not got, and a per-item form without its item: the page, 400, nothing written.
            foreach (var fields in new[]
            {
                new Dictionary<string, string> { ["form"] = "bogus", ["version"] = version },
                new Dictionary<string, string> { ["form"] = "departure", ["version"] = version, ["item"] = "not-a-uuid", ["departure.occurredOn"] = Day(today) },
                new Dictionary<string, string> { ["form"] = "communication", ["version"] = "abc", ["communication.summary"] = "x" },
            })
            {
                var answer = await PostFormAsync(page, $"/app/partners/{id}", fields);
                answer.Status.ShouldBe(400);
                (await answer.HeaderValueAsync("content-type"))!.ShouldStartWith("text/html");
                await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The form could not be read");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ma On Shan Tiles");
            }

            // Refused by the decision (409): the partner was lost meanwhile, so the pitch form is gone, but its message is not.
            await page.GotoAsync($"/app/partners/{id}");
            await page.Locator("summary", new() { HasText = "Record a pitch" }).ClickAsync();
            await page.Locator("#pitch-valueProposition").FillAsync("Tiles for the new campus");
            await page.GetByLabel("Work placement").CheckAsync();
            var lost = await api.PostJsonAsync($"/api/partners/{id}/lost", new { reason = "capacity_change", occurredOn = Day(today) });
            // As if the page had been opened after the loss: the version matches, so the decision itself refuses.
            await page.Locator("#form-pitch input[name=version]").EvaluateAsync($"e => e.value = '{lost.GetProperty("version").GetInt64()}'");
            var refused = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Record pitch" }).ClickAsync(), r => r.Request.Method == "POST");
            refused.Status.ShouldBe(409);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cannot deliver a pitch");
            (await api.GetStringAsync($"/api/partners/{id}/history")).ShouldNotContain("pitch_delivered");
        });

        await app.RunAsync(nameof(Tampered_refused_and_forbidden_posts_answer_the_page_with_a_message) + "-auditor", async context =>
        {
            // An auditor's page has no forms; a post made anyway is refused by the API (403), and the page says so.
            var page = await SignIn.OpenAsync(context, tenant, Roles.Auditor);
            await page.GotoAsync($"/app/partners/{id}");
            var version = (await page.Locator("dl.summary dd").AllTextContentsAsync())[6];
            var answer = await PostFormAsync(page, $"/app/partners/{id}", new Dictionary<string, string>
            {
                ["form"] = "reactivate", ["version"] = version, ["reactivate.channel"] = "inbound", ["reactivate.occurredOn"] = Day(today),
            });
            answer.Status.ShouldBe(403);
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Your role may not record this, so nothing was recorded.");
            (await api.GetStringAsync($"/api/partners/{id}/history")).ShouldNotContain("partnership_reactivated");
        });
    }

    [Fact]
    public async Task An_address_that_is_no_page_and_an_expired_form_get_the_apps_error_page_not_json()
    {
        var tenant = "inp-" + Guid.NewGuid().ToString("N")[..10];
        await app.RunAsync(nameof(An_address_that_is_no_page_and_an_expired_form_get_the_apps_error_page_not_json), async context =>
        {
            var page = await SignIn.OpenAsync(context, tenant, Roles.Coordinator);

            // No page at these addresses (the partner route takes a UUID): the app's not-found page, in the page's language.
            foreach (var address in new[] { "/app/partners/not-a-guid", "/app/no-such-page", "/app/partners/new/extra" })
            {
                var answer = (await page.GotoAsync(address))!;
                answer.Status.ShouldBe(404, address);
                answer.Headers["content-type"].ShouldStartWith("text/html", customMessage: address);
            }

            var missing = (await page.GotoAsync("/app/partners/not-a-guid?culture=zh-HK"))!;
            missing.Status.ShouldBe(404);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("找不到");
            await Expect(page.Locator("#error-text")).ToContainTextAsync("沒有這個頁面");
            await page.GotoAsync("/app/today?culture=en");

            // A form posted with a token that no longer matches (signed in again, or a stale page): the error page says so.
            await page.GotoAsync("/app/partners/new");
            var expired = await page.RunAndWaitForResponseAsync(async () =>
            {
                await page.EvaluateAsync("() => document.querySelectorAll('input[name=__RequestVerificationToken]').forEach(i => i.value = 'expired')");
                await page.Locator("main form[method='post'] button[type='submit']").Last.ClickAsync();
            }, r => r.Request.Method == "POST");
            expired.Status.ShouldBe(400);
            (await expired.HeaderValueAsync("content-type"))!.ShouldStartWith("text/html");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The request could not be used");
            await Expect(page.Locator("#error-text")).ToContainTextAsync("reload the page");
        });
    }

    [Fact]
    public async Task A_message_is_shown_only_on_its_page_and_a_bad_alert_is_named()
    {
        var tenant = "inp-" + Guid.NewGuid().ToString("N")[..10];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Tai O Salt", sector = "food", channel = "inbound", occurredOn = Day(today.AddDays(-3)) }))
            .GetProperty("partnerId").GetGuid();

        await app.RunAsync(nameof(A_message_is_shown_only_on_its_page_and_a_bad_alert_is_named), async context =>
        {
            var page = await SignIn.OpenAsync(context, tenant, Roles.Coordinator);
            await page.GotoAsync($"/app/partners/{id}");
            var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
            var version = await page.Locator("#form-communication input[name=version]").InputValueAsync();

            // A form accepted whose redirect is not followed (another tab, a slow network): the message waits for its page...
            var accepted = await page.APIRequest.PostAsync($"/app/partners/{id}", new()
            {
                MaxRedirects = 0,
                Form = page.APIRequest.CreateFormData()
                    .Append("__RequestVerificationToken", token).Append("form", "communication").Append("version", version)
                    .Append("communication.channel", "email").Append("communication.direction", "outbound")
                    .Append("communication.summary", "Sent the brochure").Append("communication.occurredOn", Day(today)),
            });
            accepted.Status.ShouldBe(302);
            // ... and is not shown on another page opened meanwhile (after an error page that shows no messages), nor on a not-found page.
            (await page.GotoAsync("/app/partners/not-a-partner"))!.Status.ShouldBe(404);
            await page.GotoAsync("/app/today");
            await Expect(page.Locator("#alerts-heading")).ToBeVisibleAsync();
            await Expect(page.Locator(".done")).ToHaveCountAsync(0);
            (await page.GotoAsync($"/app/partners/{Guid.NewGuid()}"))!.Status.ShouldBe(404);
            await Expect(page.Locator(".done")).ToHaveCountAsync(0);

            // Acknowledging something that is no alert names what was sent; an unknown alert is said not to exist.
            var bad = await PostFormAsync(page, "/app/today?handler=Acknowledge", new Dictionary<string, string> { ["alertId"] = "banana" });
            bad.Status.ShouldBe(400);
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("“banana” is not an alert, so nothing was acknowledged.");
            await Expect(page.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("00000000");
            var unknown = Guid.NewGuid();
            var missing = await PostFormAsync(page, "/app/today?handler=Acknowledge", new Dictionary<string, string> { ["alertId"] = unknown.ToString() });
            missing.Status.ShouldBe(404);
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"Your institution has no alert {unknown}, so nothing was acknowledged.");
        });
    }
}
