using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) over every page, in English and Traditional Chinese, at desktop and phone
/// width: no serious or critical violation of WCAG 2.1 A/AA (contrast, labels, names, landmarks, language).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(WebAppFixture app)
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_page_has_no_serious_accessibility_violation(bool phone)
    {
        var tenant = "a11y-" + Guid.NewGuid().ToString("N")[..10];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Sham Shui Po Textiles 深水埗紡織", sector = "textiles", channel = "chamber_of_commerce", occurredOn = today.AddDays(-3).ToString("yyyy-MM-dd") }))
            .GetProperty("partnerId").GetGuid();
        await api.PostJsonAsync($"/api/partners/{id}/contacts", new { name = "Mei Ling", role = "champion", occurredOn = today.ToString("yyyy-MM-dd") });
        await api.PostJsonAsync($"/api/partners/{id}/follow-ups", new { dueOn = today.AddDays(2).ToString("yyyy-MM-dd"), purpose = "Send the programme brochure" });

        await app.RunAsync($"{nameof(Every_page_has_no_serious_accessibility_violation)}-{(phone ? "phone" : "desktop")}", async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await Scan(page, "sign-in");
            await page.GetByLabel("Institution (tenant id)").FillAsync(tenant);
            await page.GetByLabel("Your name").FillAsync("ann");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Today");
            await Scan(page, "today");
            await page.GotoAsync("/app/partners");
            await Scan(page, "partners");
            await page.GotoAsync($"/app/partners/{id}");
            // Every form open, so that its fields are scanned too.
            foreach (var summary in await page.Locator("details > summary").AllAsync())
            {
                await summary.ClickAsync();
            }

            await Scan(page, "partner");
            await page.GotoAsync($"/app/partners/{Guid.NewGuid()}");
            await Scan(page, "not-found");

            // Traditional Chinese: the language is remembered, the page says so (lang), and the names show.
            await page.GotoAsync("/app/today?culture=zh-HK");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("今天");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-HK");
            await page.GotoAsync($"/app/partners/{id}");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("潛在夥伴");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sham Shui Po Textiles 深水埗紡織");
            await Scan(page, "partner-zh-HK");
        }, phone);
    }

    internal static async Task Scan(IPage page, string name)
    {
        var result = await page.RunAxe(Wcag21);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        serious.ShouldBeEmpty($"{name} ({page.Url}): " + string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
