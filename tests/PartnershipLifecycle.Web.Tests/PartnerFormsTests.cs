using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

using static PartnershipLifecycle.Web.Tests.Support.Dates;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>
/// What a newcomer found (2026-12-01): no partner could be created in the app; the partner page offered forms its
/// stage refuses (an engagement for a prospect); the timeline showed the API's words (<c>social_media</c>) in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnerFormsTests(WebAppFixture app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);


    private static string NewTenant() => "frm-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_coordinator_records_a_new_partner_and_the_duplicate_check_names_the_existing_one()
    {
        var tenant = NewTenant();
        using var api = app.Api(tenant);
        var existing = (await api.PostJsonAsync("/api/partners", new { name = "Kowloon Robotics Ltd", sector = "robotics", channel = "inbound", occurredOn = Day(Today) }))
            .GetProperty("partnerId").GetGuid();

        await app.RunAsync(nameof(A_coordinators_records_a_new_partner_name), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann");
            await page.GotoAsync("/app/partners");
            await page.GetByRole(AriaRole.Link, new() { Name = "New partner" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New partner");

            // Nothing typed: the API's messages beside the fields.
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the new partner" }).ClickAsync();
            await Expect(page.Locator("#partner-name-error")).ToHaveTextAsync("“Name” is required.");
            await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");

            // The same organisation under another legal form: refused, with a link to the partner it already is.
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Kowloon Robotics Limited");
            await page.GetByLabel("Sector").FillAsync("robotics");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the new partner" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already has a partner with the same name or website");
            await Expect(page.Locator("#existing-partner")).ToHaveAttributeAsync("href", $"/app/partners/{existing}");
            await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Kowloon Robotics Limited");
            await AccessibilityTests.Scan(page, "new-partner-refused");

            // A distinct organisation after all: recorded, and the browser is on its page.
            await page.GetByLabel("This is a distinct organisation: record it anyway").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the new partner" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/app/partners/[0-9a-f-]{36}$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kowloon Robotics Limited");
            page.Url.ShouldNotContain(existing.ToString());

            // A new one in Chinese, with its channel and motivations.
            await page.GotoAsync("/app/partners/new");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Tsuen Wan Drones 荃灣無人機");
            await page.GetByLabel("Sector").FillAsync("aviation");
            await page.GetByLabel("Channel").SelectOptionAsync("chamber_of_commerce");
            await page.GetByLabel("Attract talent").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the new partner" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tsuen Wan Drones 荃灣無人機");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("New partner recorded.");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Prospect");
            await AccessibilityTests.Scan(page, "new-partner-done");

            await page.GotoAsync("/app/partners/new?culture=zh-HK");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("新合作夥伴");
            await AccessibilityTests.Scan(page, "new-partner-zh-HK");
            await page.GotoAsync("/app/partners/new?culture=en");
        });

        // An auditor reads but may not write: no link, and the page itself is forbidden.
        await app.RunAsync(nameof(A_coordinators_records_a_new_partner_name) + "-auditor", async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Auditor, "aud");
            await page.GotoAsync("/app/partners");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kowloon Robotics Ltd" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New partner" })).ToHaveCountAsync(0);
            await page.GotoAsync("/app/partners/new");
            await Expect(page.Locator("#form-partner")).ToHaveCountAsync(0);
            await Expect(page).ToHaveURLAsync(new Regex("/app/forbidden"));
        });
    }

    private const string A_coordinators_records_a_new_partner_name = nameof(A_coordinator_records_a_new_partner_and_the_duplicate_check_names_the_existing_one);

    [Fact]
    public async Task The_partner_page_offers_only_the_forms_its_stage_allows()
    {
        var tenant = NewTenant();
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Lantau Logistics", sector = "logistics", channel = "inbound", occurredOn = Day(Today.AddDays(-5)) }))
            .GetProperty("partnerId").GetGuid();

        await app.RunAsync(nameof(The_partner_page_offers_only_the_forms_its_stage_allows), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann");

            // A prospect: no engagement (active, piloting), no pitch (contacted, pitched), no MOU, pause, resume or win-back.
            await page.GotoAsync($"/app/partners/{id}");
            await Expect(page.Locator("#forms > details > summary")).ToHaveTextAsync(
                ["Log a communication", "Log outreach", "Schedule a follow-up", "Add a contact", "Mark the partnership lost"]);

            // Contacted: now a pitch may be delivered.
            await api.PostJsonAsync($"/api/partners/{id}/outreach", new { channel = "phone", summary = "Called", occurredOn = Day(Today.AddDays(-4)) });
            await page.ReloadAsync();
            await Expect(page.Locator("#forms > details > summary")).ToHaveTextAsync(
                ["Log a communication", "Log outreach", "Schedule a follow-up", "Add a contact", "Record a pitch", "Mark the partnership lost"]);
            // No pitch yet and no MOU: the loss reasons offered are those its story bears out (the API refuses the others).
            await Expect(page.Locator("#lost-reason option[value=capacity_change]")).ToHaveCountAsync(1);
            await Expect(page.Locator("#lost-reason option[value=declined_pitch]")).ToHaveCountAsync(0);
            await Expect(page.Locator("#lost-reason option[value=mou_expired]")).ToHaveCountAsync(0);

            // Lost: only the win-back; no pitch, no follow-up to complete.
            await api.PostJsonAsync($"/api/partners/{id}/follow-ups", new { dueOn = Day(Today.AddDays(3)), purpose = "Call again" });
            await api.PostJsonAsync($"/api/partners/{id}/lost", new { reason = "capacity_change", occurredOn = Day(Today) });
            await page.ReloadAsync();
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Lost");
            await Expect(page.Locator("#forms > details > summary")).ToHaveTextAsync(["Win the partner back"]);
            await Expect(page.Locator("#follow-ups details")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task The_timeline_names_events_and_vocabulary_in_the_readers_language()
    {
        var tenant = NewTenant();
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Yau Tsim Media", sector = "media", channel = "alumni_network", occurredOn = Day(Today.AddDays(-5)) }))
            .GetProperty("partnerId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/outreach", new { channel = "social_media", summary = "Messaged their page", occurredOn = Day(Today.AddDays(-4)) });

        await app.RunAsync(nameof(The_timeline_names_events_and_vocabulary_in_the_readers_language), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann");

            await page.GotoAsync($"/app/partners/{id}");
            var outreach = page.Locator("#timeline li[data-event=outreach_logged]");
            await Expect(outreach).ToContainTextAsync("Social media");
            await Expect(outreach).Not.ToContainTextAsync("social_media");

            await page.GotoAsync($"/app/partners/{id}?culture=zh-HK");
            await Expect(outreach.Locator("strong")).ToHaveTextAsync("接觸");
            await Expect(outreach).ToContainTextAsync("社交媒體");
            await Expect(outreach).Not.ToContainTextAsync("social_media");
            var identified = page.Locator("#timeline li[data-event=prospect_identified]");
            await Expect(identified.Locator("strong")).ToHaveTextAsync("識別為潛在夥伴");
            await Expect(identified).ToContainTextAsync("校友網絡");
            await Expect(identified).Not.ToContainTextAsync("alumni_network");
            await page.GotoAsync($"/app/partners/{id}?culture=en");
        });
    }
}
