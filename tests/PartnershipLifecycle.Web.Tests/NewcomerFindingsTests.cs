using System.Globalization;
using Microsoft.Playwright;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

using static PartnershipLifecycle.Web.Tests.Support.Dates;

namespace PartnershipLifecycle.Web.Tests;

/// <summary>
/// What a newcomer found by trying the app (2026-12, second round): a form without its version or with a field posted
/// twice was sent, a return address answered 500 or left the app, a refused form the page does not show lost its
/// messages, the app's CSV had no byte-order mark, the not-allowed page answered 200, "1 partners", zh-TW stayed in
/// English, and a future "as it was on" date said nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NewcomerFindingsTests(WebAppFixture app)
{


    /// <summary>Posts a form the page never offered (fields may repeat), with the session's antiforgery token.</summary>
    private static async Task<IResponse> PostFormAsync(IPage page, string action, params (string Name, string Value)[] fields) =>
        await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync(@"([action, fields]) => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = action;
                form.appendChild(document.querySelector('input[name=__RequestVerificationToken]').cloneNode());
                for (const [name, value] of fields) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }", new object[] { action, fields.Select(f => new[] { f.Name, f.Value }).ToArray() }),
            r => r.Request.Method == "POST");

    [Fact]
    public async Task A_form_without_one_version_or_with_a_field_twice_is_refused_and_a_hidden_forms_messages_are_at_the_top()
    {
        var tenant = "nf-" + Guid.NewGuid().ToString("N")[..10];
        var today = Day(DateOnly.FromDateTime(DateTime.UtcNow));
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "Lamma Kelp", sector = "food", channel = "inbound", occurredOn = today }))
            .GetProperty("partnerId").GetGuid();

        await app.RunAsync(nameof(A_form_without_one_version_or_with_a_field_twice_is_refused_and_a_hidden_forms_messages_are_at_the_top), async context =>
        {
            var page = await SignIn.OpenAsync(context, tenant, Roles.Coordinator);
            await page.GotoAsync($"/app/partners/{id}");
            var version = await page.Locator("#form-outreach input[name=version]").InputValueAsync();
            (string, string)[] outreach = [("form", "outreach"), ("outreach.channel", "email"), ("outreach.summary", "Wrote to them"), ("outreach.occurredOn", today)];

            // No version, an empty one, two of them: refused like a version that is no number, and nothing is sent.
            foreach (var versions in new[] { Array.Empty<(string, string)>(), [("version", "")], [("version", version), ("version", version)] })
            {
                var refused = await PostFormAsync(page, $"/app/partners/{id}", [.. outreach, .. versions]);
                refused.Status.ShouldBe(400, string.Join("&", versions));
                await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The form could not be read");
            }

            // A single-value field posted twice: refused, never sent as "Amy,Bob".
            var twice = await PostFormAsync(page, $"/app/partners/{id}", ("form", "contact"), ("version", version),
                ("contact.name", "Amy"), ("contact.name", "Bob"), ("contact.role", "champion"), ("contact.occurredOn", today));
            twice.Status.ShouldBe(400);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The form could not be read");
            var history = await api.GetStringAsync($"/api/partners/{id}/history");
            history.ShouldNotContain("outreach_logged");
            history.ShouldNotContain("contact_added");

            // The MOU form is not on a prospect's page: its refused fields are named at the top, with their labels.
            var mou = await PostFormAsync(page, $"/app/partners/{id}", ("form", "mou"), ("version", version), ("mou.signedOn", today));
            mou.Status.ShouldBeInRange(400, 499);
            var alert = page.GetByRole(AriaRole.Alert);
            await Expect(alert).Not.ToContainTextAsync("Check the fields marked below.");
            await Expect(alert).ToContainTextAsync("Placements per year");
            await Expect(alert).Not.ToContainTextAsync("placementsPerYear");
        });
    }

    [Fact]
    public async Task A_return_address_never_answers_500_nor_leaves_the_app()
    {
        var tenant = "nf-" + Guid.NewGuid().ToString("N")[..10];
        await app.RunAsync(nameof(A_return_address_never_answers_500_nor_leaves_the_app), async context =>
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/app/sign-in?returnUrl=" + Uri.EscapeDataString("/app/partners?name=中\u202E"));
            var signedIn = await page.RunAndWaitForResponseAsync(() => SignIn.AsAsync(page, tenant, Roles.Coordinator, "ann"), r => r.Request.Method == "POST");
            signedIn.Status.ShouldBe(302);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Partners");
            new Uri(page.Url).AbsolutePath.ShouldBe("/app/partners");

            await using var second = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
            var other = await second.NewPageAsync();
            await other.GotoAsync("/app/sign-in?returnUrl=" + Uri.EscapeDataString("/app/../api/partners"));
            await SignIn.AsAsync(other, tenant, Roles.Coordinator, "ann");
            await Expect(other.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Today");
            new Uri(other.Url).AbsolutePath.ShouldBe("/app/today");
        });
    }

    [Fact]
    public async Task Downloads_have_a_bom_forbidden_is_403_counts_agree_chinese_tags_are_chinese_and_a_future_day_is_noted()
    {
        var tenant = "nf-" + Guid.NewGuid().ToString("N")[..10];
        var today = Day(DateOnly.FromDateTime(DateTime.UtcNow));
        using var api = app.Api(tenant);
        var id = (await api.PostJsonAsync("/api/partners", new { name = "長洲渡輪", sector = "transport", channel = "inbound", occurredOn = today }))
            .GetProperty("partnerId").GetGuid();

        await app.RunAsync(nameof(Downloads_have_a_bom_forbidden_is_403_counts_agree_chinese_tags_are_chinese_and_a_future_day_is_noted), async context =>
        {
            var page = await SignIn.OpenAsync(context, tenant, Roles.Coordinator);

            // Not allowed (a coordinator on the analytics page): the page, and 403.
            var forbidden = (await page.GotoAsync("/app/analytics"))!;
            forbidden.Status.ShouldBe(403);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");

            await page.GotoAsync("/app/partners");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "partner" })).ToHaveTextAsync("1 partner");

            // A day still to come: the partner now, and the page says so.
            await page.GotoAsync($"/app/partners/{id}?asOf=2030-01-01");
            await Expect(page.Locator("#query-notes")).ToContainTextAsync("2030-01-01 has not come yet");

            foreach (var tag in new[] { "zh-Hant", "zh-TW", "zh" })
            {
                await page.GotoAsync($"/app/today?culture={tag}");
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("今天");
                await page.GotoAsync("/app/today?culture=en");
            }

            await using var analystContext = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
            var analyst = await SignIn.OpenAsync(analystContext, tenant, Roles.Analyst);
            var csv = await analyst.APIRequest.GetAsync("/app/analytics?handler=Csv&report=commitments");
            csv.Status.ShouldBe(200);
            var bytes = await csv.BodyAsync();
            bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
            var funnel = await analyst.APIRequest.GetAsync("/app/analytics?handler=Csv&report=funnel");
            (await funnel.BodyAsync()).Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
            // The API's CSV stays as it was (no byte-order mark).
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/analytics/funnel");
            request.Headers.Accept.ParseAdd("text/csv");
            using var analystApi = app.Api(tenant, Roles.Analyst);
            var apiCsv = await (await analystApi.SendAsync(request)).Content.ReadAsByteArrayAsync();
            apiCsv.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF });
        });
    }
}
