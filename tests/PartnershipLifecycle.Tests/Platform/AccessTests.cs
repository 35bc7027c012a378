using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>Authentication, roles and tenancy as docs/api.md describes them.</summary>
public class AccessTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly object Prospect = new { name = "Access Ltd", sector = "x", channel = "inbound" };

    [Fact]
    public async Task No_token_is_401_with_problem_details()
    {
        var answer = await new Caller(Host, token: null).Post("/api/partners", Prospect, 401);
        answer.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        answer.Header("WWW-Authenticate").ShouldBe("Bearer");

        await new Caller(Host, token: null).Get("/api/partners", 401);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var forged = DevelopmentTokens.Create(new AuthSettings { SigningKey = "another-key-another-key-another-key-0000" },
            Tenant, [Roles.Admin], "mallory", TimeSpan.FromHours(1));
        await new Caller(Host, forged).Get("/api/partners", 401);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var expired = DevelopmentTokens.Create(new AuthSettings { SigningKey = AppFixture.SigningKey }, Tenant, [Roles.Admin],
            "late", TimeSpan.FromMinutes(5), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));
        await new Caller(Host, expired).Get("/api/partners", 401);
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Auditor)]
    public async Task Only_coordinators_and_admins_send_commands(string role)
    {
        var refused = await As(role).Post("/api/partners", Prospect, 403);
        refused.Json()["detail"]!.GetValue<string>().ShouldContain(role);
    }

    [Fact]
    public async Task An_admin_may_send_commands() => await As(Roles.Admin).Post("/api/partners", Prospect, 201);

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Admin)]
    public async Task Every_role_may_read(string role)
    {
        var id = await NewPartner();
        await As(role).Get($"/api/partners/{id}");
        await As(role).Get($"/api/partners/{id}/history");
        await As(role).Get("/api/partners");
    }

    [Fact]
    public async Task A_token_without_a_tenant_is_403()
    {
        var noTenant = DevelopmentTokens.Create(new AuthSettings { SigningKey = AppFixture.SigningKey }, "", [Roles.Admin], "x", TimeSpan.FromHours(1));
        await new Caller(Host, noTenant).Get("/api/partners", 403);
    }

    [Fact]
    public async Task Another_tenants_partner_is_404_for_reads_and_commands()
    {
        var id = await NewPartner();
        var stranger = As(Roles.Admin, tenant: "other-" + Tenant);

        await stranger.Get($"/api/partners/{id}", 404);
        await stranger.Get($"/api/partners/{id}/history", 404);
        await stranger.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hi", occurredOn = Today }, 404);
        (await stranger.Get("/api/partners")).Json()["total"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Health_and_openapi_need_no_token()
    {
        await new Caller(Host, null).Get("/health/live");
        await new Caller(Host, null).Get("/health/ready");
        await new Caller(Host, null).Get("/openapi/v1.json");
    }
}
