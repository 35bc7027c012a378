using System.Net.Http.Json;
using Microsoft.Playwright;
using PartnershipLifecycle.Api.Demo;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>
/// The demo institution in the browser (issue 17): the plan <c>seed --demo</c> sends, loaded into a tenant of its own,
/// shows something in every section of Today and a partner page with its timeline, contacts and health. The test saves
/// full-page screenshots (1280 px wide) of both as <c>TestResults/browser/demo-today.png</c> and
/// <c>demo-partner.png</c>; <c>build/screenshots.sh</c> runs it and copies them to <c>docs/images/</c> for README.md.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Screenshots")]
public sealed class DemoScreenshotTests(WebAppFixture app)
{
    /// <summary>The screenshots this test writes under <see cref="WebAppFixture.ArtefactFolder"/>.</summary>
    public static readonly string TodayShot = Path.Combine(WebAppFixture.ArtefactFolder, "demo-today.png");

    public static readonly string PartnerShot = Path.Combine(WebAppFixture.ArtefactFolder, "demo-partner.png");

    [Fact]
    public async Task The_demo_institution_fills_every_section_of_today_and_a_partner_page()
    {
        var tenant = "demo-" + Guid.NewGuid().ToString("N")[..10];
        // The tests' institutions keep UTC (the default), as seed --demo would date it on this service.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using (var api = app.Api(tenant, Roles.Coordinator, "demo-seed"))
        {
            foreach (var request in DemoInstitution.Plan(seed: 1, today))
            {
                using var answer = await api.PostAsJsonAsync(request.Path, request.Body, PartnershipJson.Options, TestContext.Current.CancellationToken);
                answer.IsSuccessStatusCode.ShouldBeTrue($"POST {request.Path} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            }
        }

        await app.RunAsync(nameof(The_demo_institution_fills_every_section_of_today_and_a_partner_page), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in");
            await SignIn.AsAsync(page, tenant, Roles.Coordinator, "Mei Ling 陳美玲");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Today");

            // The alerts and health are async read models: reload until each section has caught up.
            var timeout = TimeSpan.FromSeconds(60);
            await Eventually.UntilShownAsync(page, "#alerts-heading + ul [data-alert]", timeout);
            await Eventually.UntilShownAsync(page, "section[aria-labelledby='followups-heading'] tbody tr", timeout);
            await Eventually.UntilShownAsync(page, "#mous-heading + ul li", timeout);
            await Eventually.UntilShownAsync(page, "#risk-heading + ul .factors li", timeout);
            Directory.CreateDirectory(WebAppFixture.ArtefactFolder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TodayShot, FullPage = true });

            // The first partner at risk: its page has a timeline, contacts and health with the factors that explain it.
            await page.Locator("#risk-heading + ul > li a").First.ClickAsync();
            await Expect(page.Locator("#timeline li").First).ToBeVisibleAsync();
            await Expect(page.Locator("#contacts [data-contact]").First).ToBeVisibleAsync();
            await Expect(page.Locator("section[aria-labelledby='health-heading'] .factors li").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PartnerShot, FullPage = true });
            await AccessibilityTests.Scan(page, "demo-partner");

            // A partner whose MOU ends soon: its commitments against this MOU year's delivery (the ledger is an async read model).
            await page.GotoAsync("/app/today");
            await page.Locator("#mous-heading + ul > li a").First.ClickAsync();
            await Eventually.UntilShownAsync(page, "#delivery", timeout);
            await Expect(page.Locator("#delivery [data-delivery='placements']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ of \d+$"));
            await AccessibilityTests.Scan(page, "demo-partner-mou");

            // The same partner the day before its MOU was signed, by the dates things happened: not yet active, no MOU (the
            // demo's history is back-dated over two years but all typed in today); on the day it was signed: active.
            var partnerUrl = new Uri(page.Url).AbsolutePath;
            var signedOn = DateOnly.ParseExact(await page.Locator("section[aria-labelledby='mou-heading'] dd").First.InnerTextAsync(), "yyyy-MM-dd");
            await page.GotoAsync($"{partnerUrl}?asOf={signedOn.AddDays(-1):yyyy-MM-dd}");
            await Expect(page.Locator("#asof-banner")).ToHaveAttributeAsync("data-asof-by", "occurred");
            await Expect(page.Locator("#stage")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Pitched|Piloting)$"));
            await Expect(page.Locator("section[aria-labelledby='mou-heading'] .empty")).ToBeVisibleAsync();
            await page.GotoAsync($"{partnerUrl}?asOf={signedOn:yyyy-MM-dd}");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Active");
            await AccessibilityTests.Scan(page, "demo-partner-as-of");

            // In Traditional Chinese, every factor's sentence too (health written by this version carries its values).
            await page.GotoAsync("/app/today?culture=zh-HK");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("今天");
            var factors = await page.Locator("#risk-heading + ul .factors li").AllInnerTextsAsync();
            factors.ShouldNotBeEmpty();
            factors.ShouldAllBe(f => f.EndsWith('。'), string.Join("\n", factors));
            await AccessibilityTests.Scan(page, "demo-today-zh-HK");
            await page.Locator("#mous-heading + ul > li a").First.ClickAsync();
            await Expect(page.Locator("#delivery-year")).ToContainTextAsync("合作備忘錄年度");
            await Expect(page.Locator("#delivery [data-delivery='placements']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ 中的 \d+$"));
            await AccessibilityTests.Scan(page, "demo-partner-mou-zh-HK");
        });

        File.Exists(TodayShot).ShouldBeTrue();
        File.Exists(PartnerShot).ShouldBeTrue();
    }
}
