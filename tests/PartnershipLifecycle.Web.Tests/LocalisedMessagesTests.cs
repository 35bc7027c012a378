using System.Globalization;
using Microsoft.Playwright;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

using static PartnershipLifecycle.Web.Tests.Support.Dates;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>
/// What a newcomer found using the app in Chinese (2026-12): a refused form showed the API's English messages with its
/// JSON names ("'studentsReached' must be from 0 to 100000."). The app now asks the API for the page's language and
/// names each field by the label the form shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalisedMessagesTests(WebAppFixture app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);


    [Fact]
    public async Task A_Chinese_coordinator_s_refused_engagement_shows_Chinese_messages_with_the_Chinese_field_labels()
    {
        var tenant = "loc-" + Guid.NewGuid().ToString("N")[..10];
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Sha Tin Studios", sector = "media", channel = "inbound", occurredOn = Day(Today.AddDays(-10)) }))
            .GetProperty("partnerId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/outreach", new { channel = "email", summary = "Intro", occurredOn = Day(Today.AddDays(-9)) });
        await api.PostJsonAsync($"/api/partners/{id}/pitches", new { valueProposition = "Talent", offerings = new[] { "mentorship" }, occurredOn = Day(Today.AddDays(-8)) });
        await api.PostJsonAsync($"/api/partners/{id}/mou", new
        {
            signedOn = Day(Today.AddDays(-7)), startsOn = Day(Today.AddDays(-7)), endsOn = Day(Today.AddYears(1)),
            commitments = new { placementsPerYear = 2, mentors = 1, guestSessionsPerYear = 1, advisoryBoardSeat = false },
            partnerResponsibilities = new[] { "host" }, institutionResponsibilities = new[] { "prepare" },
        });

        await app.RunAsync(nameof(A_Chinese_coordinator_s_refused_engagement_shows_Chinese_messages_with_the_Chinese_field_labels), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann");
            await page.GotoAsync($"/app/partners/{id}?culture=zh-HK");

            await page.Locator("summary", new() { HasText = "記錄參與活動" }).ClickAsync();
            await page.Locator("#engagement-studentsReached").FillAsync("-5");
            await page.Locator("#engagement-hours").FillAsync("1.5");
            await page.Locator("#engagement-occurredOn").FillAsync(Day(Today.AddDays(3)));
            await page.Locator("#form-engagement button[type=submit]").ClickAsync();

            await Expect(page.Locator("#engagement-error")).ToHaveTextAsync("請檢查以下標示的欄位。");
            await Expect(page.Locator("#engagement-studentsReached-error")).ToHaveTextAsync("「接觸學生人數」必須介乎 0 至 100000。");
            await Expect(page.Locator("#engagement-occurredOn-error")).ToHaveTextAsync("「日期」不可是將來的日期。");
            await Expect(page.Locator("#engagement-studentsReached")).ToHaveAttributeAsync("aria-invalid", "true");
            // No JSON name and no English left in what the form says.
            foreach (var error in await page.Locator("#form-engagement .error").AllInnerTextsAsync())
            {
                error.ShouldNotContain("studentsReached");
                error.ShouldNotContain("occurredOn");
                error.ShouldNotContain("must");
            }

            // The same refusal in English: the English label, quoted.
            await page.GotoAsync($"/app/partners/{id}?culture=en");
            await page.Locator("summary", new() { HasText = "Log an engagement" }).ClickAsync();
            await page.Locator("#engagement-studentsReached").FillAsync("-5");
            await page.Locator("#engagement-hours").FillAsync("1.5");
            await page.Locator("#form-engagement button[type=submit]").ClickAsync();
            await Expect(page.Locator("#engagement-studentsReached-error")).ToHaveTextAsync("“Students reached” must be from 0 to 100000.");
        });
    }
}
