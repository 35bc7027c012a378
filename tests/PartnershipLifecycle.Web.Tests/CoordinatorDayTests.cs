using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

using static PartnershipLifecycle.Web.Tests.Support.Dates;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>The web app in a real browser: a coordinator's day, and what other roles and institutions may not see.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CoordinatorDayTests(WebAppFixture app)
{
    // The tests' institutions keep UTC (the default), so the browser's and the service's today agree.
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);


    private static string NewTenant() => "web-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// An active partner with a champion, identified 60 days ago and with an MOU signed 20 days ago, its whole history
    /// typed in today with those business dates (back-dated, as coordinators do), whose champion then left yesterday:
    /// the turnover automation raises a champion-departed alert.
    /// </summary>
    private async Task<(Guid PartnerId, string Name)> PartnerWhoseChampionLeftAsync(string tenant, string name)
    {
        using var api = app.Api(tenant);
        var started = Today.AddDays(-60);
        var id = (await api.PostJsonAsync("/api/partners", new
        {
            name, sector = "creative_technology", channel = "alumni_network", occurredOn = Day(started),
        })).GetProperty("partnerId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/outreach", new { channel = "email", summary = "Intro from our alumna", occurredOn = Day(started.AddDays(1)) });
        var champion = (await api.PostJsonAsync($"/api/partners/{id}/contacts", new { name = "Chloe Chan 陳樂怡", role = "champion", occurredOn = Day(started.AddDays(2)) }))
            .GetProperty("contactId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/pitches", new { valueProposition = "XR talent pipeline", offerings = new[] { "work_placement" }, occurredOn = Day(started.AddDays(5)) });
        await api.PostJsonAsync($"/api/partners/{id}/mou", new
        {
            signedOn = Day(started.AddDays(40)), startsOn = Day(started.AddDays(40)), endsOn = Day(Today.AddDays(300)),
            commitments = new { placementsPerYear = 6, mentors = 2, guestSessionsPerYear = 3, advisoryBoardSeat = false },
            partnerResponsibilities = new[] { "host placements" }, institutionResponsibilities = new[] { "prepare students" },
        });
        await api.PostJsonAsync($"/api/partners/{id}/contacts/{champion}/departed", new { occurredOn = Day(Today.AddDays(-1)), movedTo = "Rival Studios" });
        await Eventually.Async(async () =>
        {
            var alerts = JsonDocument.Parse(await api.GetStringAsync("/api/alerts?status=open")).RootElement;
            var items = alerts.ValueKind == JsonValueKind.Array ? alerts : alerts.GetProperty("items");
            return items.EnumerateArray().Any(a => a.GetProperty("partnerId").GetGuid() == id && a.GetProperty("kind").GetString() == "champion_departed");
        }, TimeSpan.FromSeconds(30), "the champion-departed alert is raised");
        return (id, name);
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string tenant, string role, string name)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/app/today");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/sign-in"));
        await SignIn.AsAsync(page, tenant, role, name);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Today");
        return page;
    }

    [Fact]
    public async Task A_coordinators_day()
    {
        var tenant = NewTenant();
        var (id, name) = await PartnerWhoseChampionLeftAsync(tenant, "Harbour VR Studio 海港虛擬實境");

        await app.RunAsync(nameof(A_coordinators_day), async context =>
        {
            var page = await SignInAsync(context, tenant, Roles.Coordinator, "ann");

            // Today: the alert to act on.
            var alert = page.Locator("#alerts-heading + ul [data-alert]", new() { HasText = "Champion departed" });
            await Expect(alert).ToContainTextAsync(name);
            await alert.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Active");
            await Expect(page.Locator("#contacts [data-contact='Chloe Chan 陳樂怡']")).ToContainTextAsync("Rival Studios");
            // The MOU's commitments against what this MOU year delivered (the commitment ledger is an async read model).
            await Eventually.UntilShownAsync(page, "#delivery");
            await Expect(page.Locator("#delivery [data-delivery='placements']")).ToHaveTextAsync("0 of 6");
            await Expect(page.Locator("#delivery [data-delivery='mentors']")).ToHaveTextAsync("0 of 2");
            await Expect(page.Locator("#delivery [data-delivery='guest-sessions']")).ToHaveTextAsync("0 of 3");
            await Expect(page.Locator("#delivery-year")).ToContainTextAsync("elapsed");

            // A new champion: the alert resolves once the automation has seen it.
            await page.Locator("summary", new() { HasText = "Add a contact" }).ClickAsync();
            await page.Locator("#contact-name").FillAsync("Daniel Wong 黃大文");
            await page.Locator("#contact-role").SelectOptionAsync("champion");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Contact added.");
            await Expect(page.Locator("#contacts [data-contact='Daniel Wong 黃大文']")).ToBeVisibleAsync();
            // The page after an accepted command waits for the alerts to catch up: no reload needed.
            await Expect(page.Locator("#partner-alerts [data-alert-status='resolved']", new() { HasText = "Champion departed" })).ToBeVisibleAsync();
            await Expect(page.Locator("#partner-alerts [data-alert-status='open']")).ToHaveCountAsync(0);

            // An engagement: the API's field message beside the field first, then accepted.
            await page.Locator("summary", new() { HasText = "Log an engagement" }).ClickAsync();
            await page.Locator("#engagement-type").SelectOptionAsync("guest_talk");
            await page.Locator("#engagement-studentsReached").FillAsync("-5");
            await page.Locator("#engagement-hours").FillAsync("1.5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log engagement" }).ClickAsync();
            // Named by the label the form shows, not the API's JSON name.
            await Expect(page.Locator("#engagement-studentsReached-error")).ToHaveTextAsync("“Students reached” must be from 0 to 100000.");
            await Expect(page.Locator("#engagement-studentsReached")).ToHaveAttributeAsync("aria-invalid", "true");
            await page.Locator("#engagement-studentsReached").FillAsync("40");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log engagement" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Engagement logged.");
            await Expect(page.Locator("#timeline [data-event='engagement_delivered']")).ToContainTextAsync("by ann");
            // The timeline names what its numbers are (found by a newcomer: "Guest talk · 40 · 1.5" said nothing).
            await Expect(page.Locator("#timeline [data-event='engagement_delivered'] .facts")).ToContainTextAsync("Students reached: 40");
            await Expect(page.Locator("#timeline [data-event='engagement_delivered'] .facts")).ToContainTextAsync("Hours: 1.5");
            await Eventually.UntilShownAsync(page, "#delivery [data-delivery='guest-sessions']:text-is('1 of 3')");

            // A follow-up, scheduled and completed.
            await page.Locator("summary", new() { HasText = "Schedule a follow-up" }).ClickAsync();
            await page.Locator("#followUp-dueOn").FillAsync(Day(Today.AddDays(3)));
            await page.Locator("#followUp-purpose").FillAsync("Confirm spring placements");
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule follow-up" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Follow-up scheduled.");
            var followUp = page.Locator("#follow-ups [data-follow-up='Confirm spring placements']");
            await Expect(followUp).ToHaveAttributeAsync("data-status", "scheduled");
            await followUp.Locator("summary", new() { HasText = "Complete: Confirm spring placements" }).ClickAsync();
            await followUp.GetByLabel("Outcome").FillAsync("Six placements confirmed");
            await followUp.GetByRole(AriaRole.Button, new() { Name = "Complete follow-up" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Follow-up completed.");
            await Expect(followUp).ToHaveAttributeAsync("data-status", "completed");

            // Last month, by the dates things happened (the default): pitched, the MOU not yet signed, the champion still
            // there, no new contact, no engagement, no forms — although all of it was typed in today.
            await page.Locator("#asOf").FillAsync(Day(Today.AddDays(-30)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
            await Expect(page.Locator("#asof-banner")).ToContainTextAsync(Day(Today.AddDays(-30)));
            await Expect(page.Locator("#asof-banner")).ToContainTextAsync("by the dates things happened");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Pitched");
            await Expect(page.Locator("#contacts [data-contact='Chloe Chan 陳樂怡']")).Not.ToContainTextAsync("Departed");
            await Expect(page.Locator("#contacts [data-contact='Daniel Wong 黃大文']")).ToHaveCountAsync(0);
            await Expect(page.Locator("#timeline [data-event='pitch_delivered']")).ToHaveCountAsync(1);
            await Expect(page.Locator("#timeline [data-event='mou_signed']")).ToHaveCountAsync(0);
            await Expect(page.Locator("#timeline [data-event='engagement_delivered']")).ToHaveCountAsync(0);
            await Expect(page.Locator("form.command")).ToHaveCountAsync(0);

            // The same day as the service had recorded it (what an auditor replays): nothing had been typed in yet.
            await page.Locator("#asOf-by").SelectOptionAsync("recorded");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
            await Expect(page.Locator("#asof-banner")).ToContainTextAsync("As the service had recorded it by the end of " + Day(Today.AddDays(-30)));
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The partner had not yet been recorded by that date.");
            await Expect(page.Locator("#stage")).ToHaveCountAsync(0);

            // Today again: nothing open for this partner.
            await page.GotoAsync("/app/today");
            await Expect(page.Locator("#alerts-heading + ul [data-alert]", new() { HasText = name })).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Two_coordinators_on_one_partner_the_second_form_says_it_changed_since_it_was_opened()
    {
        var tenant = NewTenant();
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Kowloon Bakery", sector = "food", channel = "inbound", occurredOn = Day(Today.AddDays(-5)) }))
            .GetProperty("partnerId").GetGuid();

        await app.RunAsync(nameof(Two_coordinators_on_one_partner_the_second_form_says_it_changed_since_it_was_opened), async context =>
        {
            var first = await SignInAsync(context, tenant, Roles.Coordinator, "ann");
            await first.GotoAsync($"/app/partners/{id}");
            var second = await context.NewPageAsync();
            await second.GotoAsync($"/app/partners/{id}");

            foreach (var page in new[] { first, second })
            {
                await page.Locator("summary", new() { HasText = "Log a communication" }).ClickAsync();
                await page.Locator("#communication-summary").FillAsync("Called about the open day");
            }

            await first.GetByRole(AriaRole.Button, new() { Name = "Log communication" }).ClickAsync();
            await Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync("Communication logged.");
            await second.GetByRole(AriaRole.Button, new() { Name = "Log communication" }).ClickAsync();
            await Expect(second.Locator("#communication-error")).ToContainTextAsync("changed since you opened");
            // What was typed is kept, and the form now carries the current version: sending again works.
            await Expect(second.Locator("#communication-summary")).ToHaveValueAsync("Called about the open day");
            await second.GetByRole(AriaRole.Button, new() { Name = "Log communication" }).ClickAsync();
            await Expect(second.GetByRole(AriaRole.Status)).ToHaveTextAsync("Communication logged.");
        });
    }

    [Fact]
    public async Task Acknowledging_an_alert_on_Today_takes_it_off_the_open_alerts_at_once()
    {
        var tenant = NewTenant();
        var (_, name) = await PartnerWhoseChampionLeftAsync(tenant, "Kwun Tong Print Works 觀塘印刷");

        await app.RunAsync(nameof(Acknowledging_an_alert_on_Today_takes_it_off_the_open_alerts_at_once), async context =>
        {
            var page = await SignInAsync(context, tenant, Roles.Coordinator, "ann");
            var alert = page.Locator("#alerts-heading + ul [data-alert]", new() { HasText = name }).Filter(new() { HasText = "Champion departed" });
            await Expect(alert).ToBeVisibleAsync();
            await alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Alert acknowledged.");
            // The page the acknowledgement redirects to waited for the turnover read model: the alert is gone without a reload.
            await Expect(alert).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task An_auditor_sees_everything_and_no_forms()
    {
        var tenant = NewTenant();
        var (id, name) = await PartnerWhoseChampionLeftAsync(tenant, "Tsuen Wan Logistics");

        await app.RunAsync(nameof(An_auditor_sees_everything_and_no_forms), async context =>
        {
            var page = await SignInAsync(context, tenant, Roles.Auditor, "audrey");
            await Expect(page.Locator("#alerts-heading + ul [data-alert]", new() { HasText = name }).Filter(new() { HasText = "Champion departed" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
            await Expect(page.Locator("main form[method='post']")).ToHaveCountAsync(0);

            await page.GotoAsync($"/app/partners/{id}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
            await Expect(page.Locator("#timeline li")).Not.ToHaveCountAsync(0);
            await Expect(page.Locator("main form[method='post']")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Another_institutions_partner_is_not_found_and_search_stays_in_the_institution()
    {
        var ours = NewTenant();
        var theirs = NewTenant();
        using var theirApi = app.Api(theirs);
        var theirPartner = (await theirApi.PostJsonAsync("/api/partners", new { name = "Harbour Robotics Limited", sector = "manufacturing", channel = "inbound", occurredOn = Day(Today) }))
            .GetProperty("partnerId").GetGuid();

        await app.RunAsync(nameof(Another_institutions_partner_is_not_found_and_search_stays_in_the_institution), async context =>
        {
            var page = await SignInAsync(context, ours, Roles.Coordinator, "ann");
            var response = await page.GotoAsync($"/app/partners/{theirPartner}");
            response!.Status.ShouldBe(404);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Harbour Robotics");

            // Their partner is found by its own institution, written full-width and without the legal form...
            var theirPage = await SignInAsync(await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl }), theirs, Roles.Coordinator, "bob");
            await theirPage.GotoAsync("/app/partners");
            await theirPage.GetByLabel("Name").FillAsync("ＨＡＲＢＯＵＲ robotics");
            await theirPage.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Expect(theirPage.GetByRole(AriaRole.Link, new() { Name = "Harbour Robotics Limited" })).ToBeVisibleAsync();
            await theirPage.Context.CloseAsync();

            // ... and never by ours.
            await page.GotoAsync("/app/partners?q=harbour");
            await Expect(page.Locator("main table")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("0 partners");
        });
    }
}
