using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Security;

/// <summary>
/// With <c>Webhooks:AllowPrivateNetworks</c> false (the default, as in this host), a webhook pointing inside is
/// refused at registration with 400 naming <c>url</c>, and nothing is stored.
/// </summary>
public class SsrfRegistrationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Theory]
    [InlineData("http://127.0.0.1:5432")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.5/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://localhost/")]
    [InlineData("http://0.0.0.0:80/")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("https://admin:hunter2@hooks.example.com/x")]
    [InlineData("file:///etc/passwd")]
    public async Task A_webhook_pointing_inside_is_refused_at_registration(string url)
    {
        var refused = await As(Roles.Admin).Post("/api/admin/webhooks",
            new { url, events = new[] { "partnership_lost" }, secret = "a-shared-webhook-secret-0123" }, 400);

        refused.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        refused.Json()["errors"]!["url"].ShouldNotBeNull(refused.ReadAsText());
        (await As(Roles.Admin).Get("/api/admin/webhooks")).Json()["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_public_address_is_accepted() =>
        await As(Roles.Admin).Post("/api/admin/webhooks",
            new { url = "https://hooks.example.com/partners", events = new[] { "partnership_lost" }, secret = "a-shared-webhook-secret-0123" }, 201);

    [Fact]
    public async Task A_webhook_without_a_url_is_400_naming_it_not_500()
    {
        // Found by the property suite: the address rule ran on the missing text and threw.
        var refused = await As(Roles.Admin).Post("/api/admin/webhooks",
            new { events = new[] { "partnership_at_risk" }, secret = "a-long-enough-secret-737518" }, 400);

        refused.Json()["errors"]!["url"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["'url' is required."]);
    }
}
