using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

using static PartnershipLifecycle.Web.Tests.Support.Dates;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>
/// The rest of a coordinator's day without the API: the pitch's outcome, a pilot started and completed, the MOU
/// signed, amended and renewed, an evaluation, a contact's new role; and on the New partner page the referring
/// partner found by name instead of typed as a UUID.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DayFormsTests(WebAppFixture app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);


    private static string NewTenant() => "day-" + Guid.NewGuid().ToString("N")[..10];

    private static async Task Submit(IPage page, string button, string saved)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(saved);
    }

    private static async Task Open(IPage page, string summary) =>
        await page.Locator("#forms summary", new() { HasText = summary }).ClickAsync();

    [Fact]
    public async Task From_the_pitch_outcome_to_an_evaluation_every_step_is_a_form()
    {
        var tenant = NewTenant();
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Sai Kung Studios", sector = "media", channel = "inbound", occurredOn = Day(Today.AddDays(-30)) }))
            .GetProperty("partnerId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/outreach", new { channel = "email", summary = "Hello", occurredOn = Day(Today.AddDays(-29)) });
        var contact = (await api.PostJsonAsync($"/api/partners/{id}/contacts", new { name = "Mei Ho 何美", role = "mentor", occurredOn = Day(Today.AddDays(-28)) }))
            .GetProperty("contactId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/pitches", new { valueProposition = "Film crew placements", offerings = new[] { "work_placement" }, occurredOn = Day(Today.AddDays(-25)) });

        await app.RunAsync(nameof(From_the_pitch_outcome_to_an_evaluation_every_step_is_a_form), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann");
            await page.GotoAsync($"/app/partners/{id}");

            // Pitched: the outcome, a pilot and an MOU are offered.
            await Expect(page.Locator("#forms > details > summary")).ToContainTextAsync(["Record the pitch outcome", "Start a pilot", "Record a signed MOU"]);
            await Open(page, "Record the pitch outcome");
            await page.Locator("#pitchOutcome-outcome").SelectOptionAsync("interested");
            await page.Locator("#pitchOutcome-reason").FillAsync("Wants to try a crew first");
            await Submit(page, "Record outcome", "Pitch outcome recorded.");
            await Expect(page.Locator("#timeline [data-event='pitch_outcome_recorded']")).ToContainTextAsync("Interested");

            // A pilot that ends before it starts: the API's message beside the end, and what was typed is kept.
            await Open(page, "Start a pilot");
            await page.Locator("#pilot-description").FillAsync("Two weeks on set");
            await page.Locator("#pilot-startsOn").FillAsync(Day(Today.AddDays(-20)));
            await page.Locator("#pilot-endsOn").FillAsync(Day(Today.AddDays(-22)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Start pilot" }).ClickAsync();
            await Expect(page.Locator("#pilot-endsOn-error")).ToContainTextAsync("“Ends on” may not be before “Starts on”.");
            await Expect(page.Locator("#pilot-description")).ToHaveValueAsync("Two weeks on set");
            await Expect(page.Locator("#pilot-startsOn")).ToHaveValueAsync(Day(Today.AddDays(-20)));
            await page.Locator("#pilot-endsOn").FillAsync(Day(Today.AddDays(-6)));
            await Submit(page, "Start pilot", "Pilot started.");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Piloting");

            // Its completion: a rating out of range is refused by name; then completed, and no longer offered.
            await Open(page, "Complete the pilot");
            await page.Locator("#completePilot-occurredOn").FillAsync(Day(Today.AddDays(-5)));
            await page.Locator("#completePilot-rating").FillAsync("9");
            await page.Locator("#completePilot-feedback").FillAsync("The crew loved it");
            await page.GetByRole(AriaRole.Button, new() { Name = "Complete pilot" }).ClickAsync();
            await Expect(page.Locator("#completePilot-rating-error")).ToContainTextAsync("“Rating (1 to 5)”");
            await Expect(page.Locator("#completePilot-feedback")).ToHaveValueAsync("The crew loved it");
            await page.Locator("#completePilot-rating").FillAsync("5");
            await Submit(page, "Complete pilot", "Pilot completed.");
            await Expect(page.Locator("#forms summary", new() { HasText = "Complete the pilot" })).ToHaveCountAsync(0);

            // The MOU, then its amendment (starting from its commitments) and its renewal (a year after its end).
            await Open(page, "Record a signed MOU");
            await page.Locator("#mou-endsOn").FillAsync(Day(Today.AddDays(365)));
            await page.Locator("#mou-commitments-placementsPerYear").FillAsync("4");
            await page.Locator("#mou-commitments-mentors").FillAsync("1");
            await page.Locator("#mou-commitments-guestSessionsPerYear").FillAsync("2");
            await Submit(page, "Record MOU", "MOU recorded.");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Active");
            await Expect(page.Locator("#forms > details > summary")).ToContainTextAsync(["Record an evaluation", "Amend the MOU's commitments", "Renew the MOU"]);

            await Open(page, "Amend the MOU's commitments");
            await Expect(page.Locator("#amendMou-commitments-placementsPerYear")).ToHaveValueAsync("4");
            await Expect(page.Locator("#amendMou-commitments-mentors")).ToHaveValueAsync("1");
            await page.Locator("#amendMou-commitments-placementsPerYear").FillAsync("6");
            await page.Locator("#amendMou-reason").FillAsync("A second crew");
            await Submit(page, "Amend MOU", "MOU amended.");
            await Expect(page.Locator("#mou-heading + dl")).ToContainTextAsync("6");

            await Open(page, "Renew the MOU");
            var renewedEnd = Day(Today.AddDays(365).AddYears(1));
            await Expect(page.Locator("#renewMou-endsOn")).ToHaveValueAsync(renewedEnd);
            await Submit(page, "Renew MOU", "MOU renewed.");
            await Expect(page.Locator("#mou-heading + dl")).ToContainTextAsync(renewedEnd);

            await Open(page, "Record an evaluation");
            await Expect(page.Locator("#evaluation-period")).ToHaveAttributeAsync("maxlength", "200");
            await Expect(page.Locator("#evaluation-period")).ToHaveAttributeAsync("required", new Regex(".*"));
            await page.Locator("#evaluation-period").FillAsync("2026 autumn");
            await page.Locator("#evaluation-studentSatisfaction").FillAsync("4");
            await page.Locator("#evaluation-partnerSatisfaction").FillAsync("5");
            await page.Locator("#evaluation-mentorPreparedness").FillAsync("4");
            await page.Locator("#evaluation-studentInterest").FillAsync("3");
            await page.Locator("#evaluation-hires").FillAsync("2");
            await Submit(page, "Record evaluation", "Evaluation recorded.");
            await Expect(page.Locator("#timeline [data-event='evaluation_recorded']")).ToContainTextAsync("2026 autumn");

            // A contact's role, beside the contact: the role they have is not offered.
            var mei = page.Locator("#contacts [data-contact='Mei Ho 何美']");
            await mei.Locator("summary", new() { HasText = "Change the role of Mei Ho 何美" }).ClickAsync();
            await Expect(page.Locator($"#contactRole-{contact}-role option[value=mentor]")).ToHaveCountAsync(0);
            await page.Locator($"#contactRole-{contact}-role").SelectOptionAsync("champion");
            await Submit(page, "Change role", "Contact's role changed.");
            await Expect(mei).ToContainTextAsync("Champion");

            var history = await api.GetStringAsync($"/api/partners/{id}/history");
            foreach (var type in new[] { "pitch_outcome_recorded", "pilot_started", "pilot_completed", "mou_signed", "mou_amended", "mou_renewed", "evaluation_recorded", "contact_role_changed" })
            {
                history.ShouldContain($"\"{type}\"");
            }

            // In Chinese too, and with no serious accessibility violation.
            await page.GotoAsync($"/app/partners/{id}?culture=zh-HK");
            await Expect(page.Locator("#forms > details > summary")).ToContainTextAsync(["記錄評估", "修訂合作備忘錄的承諾", "續訂合作備忘錄"]);
            await AccessibilityTests.Scan(page, "day-forms-zh-HK");
            await page.GotoAsync($"/app/partners/{id}?culture=en");
        });
    }

    [Fact]
    public async Task The_referring_partner_is_found_by_name_and_sent_as_its_id()
    {
        var tenant = NewTenant();
        using var api = app.Api(tenant);
        var referrer = (await api.PostJsonAsync("/api/partners", new { name = "Harbour Robotics Limited", sector = "robotics", channel = "inbound", occurredOn = Day(Today) }))
            .GetProperty("partnerId").GetGuid();
        await api.PostJsonAsync("/api/partners", new { name = "Harbour Foods", sector = "food", channel = "inbound", occurredOn = Day(Today) });

        await app.RunAsync(nameof(The_referring_partner_is_found_by_name_and_sent_as_its_id), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann");
            await page.GotoAsync("/app/partners/new");

            // Name inputs: at most what the API takes, and marked required where the API requires them.
            var name = page.GetByLabel("Name", new() { Exact = true });
            await Expect(name).ToHaveAttributeAsync("maxlength", "200");
            await Expect(name).ToHaveAttributeAsync("required", new Regex(".*"));
            await Expect(page.GetByLabel("Sector")).ToHaveAttributeAsync("maxlength", "200");
            await Expect(page.GetByLabel("Website")).Not.ToHaveAttributeAsync("required", new Regex(".*"));

            await name.FillAsync("Tai Po Automation");
            await page.GetByLabel("Sector").FillAsync("automation");
            await page.GetByLabel("Channel").SelectOptionAsync("partner_referral");
            // Typed as people type it: full width, lower case, no legal form.
            await page.GetByLabel("Name of the referring partner").FillAsync("ＨＡＲＢＯＵＲ robotics");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find partner" }).ClickAsync();
            await Expect(page.Locator("#partner-referredByPartnerId-found")).ToContainTextAsync("1 found");
            var choice = page.GetByLabel("Referring partner", new() { Exact = true });
            await Expect(choice.Locator("option")).ToHaveCountAsync(2);
            // Nothing was recorded by finding, and what was typed is kept.
            await Expect(name).ToHaveValueAsync("Tai Po Automation");
            await Expect(page.GetByLabel("Channel")).ToHaveValueAsync("partner_referral");
            await AccessibilityTests.Scan(page, "new-partner-referrer");

            await choice.SelectOptionAsync(referrer.ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the new partner" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tai Po Automation");
            var created = Guid.Parse(Regex.Match(page.Url, "[0-9a-f-]{36}$").Value);
            var view = JsonDocument.Parse(await api.GetStringAsync($"/api/partners/{created}")).RootElement;
            view.GetProperty("referredByPartnerId").GetGuid().ShouldBe(referrer);

            // A search that finds nothing says so, naming what was typed.
            await page.GotoAsync("/app/partners/new");
            await page.GetByLabel("Name of the referring partner").FillAsync("Nowhere Ltd Zzz");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find partner" }).ClickAsync();
            await Expect(page.Locator("#partner-referredByPartnerId-found")).ToContainTextAsync("No partner's name contains “Nowhere Ltd Zzz”");
        });
    }
}
