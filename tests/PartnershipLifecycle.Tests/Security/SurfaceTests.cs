using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Security;

/// <summary>Security headers on every answer, no server banner, CORS closed unless configured.</summary>
public class SurfaceTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static void HasSecurityHeaders(Alba.IScenarioResult answer)
    {
        answer.Header("X-Content-Type-Options").ShouldBe("nosniff");
        answer.Header("Content-Security-Policy").ShouldBe(SecurityHeaders.ContentSecurityPolicy);
        answer.Header("Content-Security-Policy")!.ShouldContain("frame-ancestors 'none'");
        answer.Header("Referrer-Policy").ShouldBe("no-referrer");
        answer.Header("X-Frame-Options").ShouldBe("DENY");
        answer.Header("Server").ShouldBeNull();
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        HasSecurityHeaders(await Host.Scenario(s => s.Get.Url("/health/live")));
        HasSecurityHeaders(await Host.Scenario(s => { s.Get.Url("/openapi/v1.json"); }));
        HasSecurityHeaders(await new Caller(Host, null).Get("/api/partners", 401));
        HasSecurityHeaders(await Coordinator.Get("/api/partners"));
        HasSecurityHeaders(await Coordinator.Post("/api/partners", "{}", 400));
        HasSecurityHeaders(await As(Roles.Analyst).Post("/api/partners", new { name = "x", sector = "x", channel = "inbound" }, 403));
        HasSecurityHeaders(await Coordinator.Get($"/api/partners/{Guid.NewGuid()}", 404));
    }

    [Fact]
    public void Kestrel_sends_no_server_header() =>
        Host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader.ShouldBeFalse();

    [Fact]
    public async Task Cors_is_closed_when_no_origin_is_configured()
    {
        var preflight = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Origin", "https://evil.example");
            s.WithRequestHeader("Access-Control-Request-Method", "POST");
            s.WithRequestHeader("Access-Control-Request-Headers", "authorization,content-type");
            s.Get.Url("/api/partners");
            s.ConfigureHttpContext(http => http.Request.Method = "OPTIONS");
            s.IgnoreStatusCode();
        });
        preflight.Header("Access-Control-Allow-Origin").ShouldBeNull();

        var read = await Coordinator.Get("/api/partners", more: s => s.WithRequestHeader("Origin", "https://evil.example"));
        read.Header("Access-Control-Allow-Origin").ShouldBeNull();
    }
}
