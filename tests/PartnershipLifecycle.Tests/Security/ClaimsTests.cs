using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Security;

/// <summary>
/// A token is accepted only when signed HS256 with the configured key, from the configured issuer for the
/// configured audience, within its lifetime (1 minute of clock skew), carrying exactly one well-formed
/// <c>sub</c> and <c>tenant_id</c>. Anything else is 401 (or 403 without a tenant) with problem details, never 500.
/// </summary>
public class ClaimsTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Issuer = AuthSettings.DefaultName;

    private static string Token(Dictionary<string, object> claims, string key = AppFixture.SigningKey, string issuer = Issuer,
        string audience = Issuer, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    private Dictionary<string, object> Claims(object? tenant = null, object? sub = null) => new()
    {
        [ClaimNames.Subject] = sub ?? "ann",
        [ClaimNames.Tenant] = tenant ?? Tenant,
        [ClaimNames.Role] = new[] { Roles.Admin },
    };

    private async Task Refused(string token, int status = 401)
    {
        var answer = await new Caller(Host, token).Get("/api/partners", status);
        answer.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
        answer.ReadAsText().ShouldNotContain("\\u0000");
        // Found trying the service: refusals of the claims' shape said "The bearer token is not valid: " and no more.
        var detail = answer.Json()["detail"]!.GetValue<string>();
        detail.TrimEnd().ShouldNotEndWith(":", detail);
    }

    [Fact]
    public async Task A_well_formed_token_is_accepted() => await new Caller(Host, Token(Claims())).Get("/api/partners");

    [Fact]
    public async Task Two_tenant_ids_are_refused() => await Refused(Token(Claims(tenant: new[] { Tenant, "other-" + Tenant })));

    [Fact]
    public async Task Martens_default_tenant_is_refused() => await Refused(Token(Claims(tenant: "*DEFAULT*")));

    [Theory]
    [InlineData("t\u0000x")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("line\nbreak")]
    [InlineData("t1\n")]
    [InlineData("ünicode")]
    public async Task A_malformed_tenant_id_is_refused(string tenant) => await Refused(Token(Claims(tenant: tenant)));

    [Fact]
    public async Task A_tenant_id_is_at_most_64_characters()
    {
        await new Caller(Host, Token(Claims(tenant: "t" + new string('a', CallerClaims.TenantIdMaxLength - 1)))).Get("/api/partners");
        await Refused(Token(Claims(tenant: "t" + new string('a', CallerClaims.TenantIdMaxLength))));
    }

    [Theory]
    [InlineData("ann\u0000")]
    [InlineData("\u0000")]
    [InlineData("ann\u001b[31m")]
    public async Task A_sub_with_control_characters_is_refused(string sub) => await Refused(Token(Claims(sub: sub)));

    [Fact]
    public async Task Two_subs_or_none_are_refused()
    {
        await Refused(Token(Claims(sub: new[] { "ann", "bob" })));
        var noSub = Claims();
        noSub.Remove(ClaimNames.Subject);
        await Refused(Token(noSub));
    }

    [Fact]
    public async Task A_command_with_a_nul_in_the_sub_is_401_not_500() =>
        await new Caller(Host, Token(Claims(sub: "ann\u0000"))).Post("/api/partners", new { name = "Nul Ltd", sector = "x", channel = "inbound" }, 401);

    [Fact]
    public async Task An_unsigned_token_alg_none_is_refused()
    {
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var unsigned = Part(new { alg = "none", typ = "JWT" }) + "." + Part(new Dictionary<string, object>
        {
            ["sub"] = "mallory", ["tenant_id"] = Tenant, ["role"] = new[] { Roles.Admin }, ["iss"] = Issuer, ["aud"] = Issuer,
            ["iat"] = now, ["nbf"] = now, ["exp"] = now + 3600,
        }) + ".";
        await Refused(unsigned);
    }

    [Fact]
    public async Task Another_algorithm_is_refused()
    {
        // HS512 with the right key: only HS256 is accepted.
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = Issuer, Claims = Claims(), Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AppFixture.SigningKey + AppFixture.SigningKey)),
                SecurityAlgorithms.HmacSha512),
        });
        await Refused(token);
    }

    [Fact]
    public async Task A_wrong_issuer_or_audience_is_refused()
    {
        await Refused(Token(Claims(), issuer: "someone-else"));
        await Refused(Token(Claims(), audience: "another-service"));
    }

    [Fact]
    public async Task Expiry_is_checked_with_one_minute_of_clock_skew()
    {
        await new Caller(Host, Token(Claims(), expires: DateTime.UtcNow.AddSeconds(-20))).Get("/api/partners");
        await Refused(Token(Claims(), expires: DateTime.UtcNow.AddMinutes(-3)));
    }

    [Fact]
    public async Task A_token_signed_with_a_key_shorter_than_the_minimum_is_refused()
    {
        // Signed by hand: the token library itself will not sign HS256 with fewer than 256 bits.
        const string shortKey = "short-key-16byte";
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signed = Part(new { alg = "HS256", typ = "JWT" }) + "." + Part(new Dictionary<string, object>
        {
            ["sub"] = "mallory", ["tenant_id"] = Tenant, ["role"] = new[] { Roles.Admin }, ["iss"] = Issuer, ["aud"] = Issuer,
            ["iat"] = now, ["nbf"] = now, ["exp"] = now + 3600,
        });
        var token = signed + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(shortKey), Encoding.ASCII.GetBytes(signed)));
        await Refused(token);
    }

    [Fact]
    public void A_configured_key_shorter_than_32_bytes_is_refused_at_start() =>
        Should.Throw<InvalidOperationException>(() => new AuthSettings { SigningKey = new string('k', 31) }.SymmetricKey())
            .Message.ShouldContain("32 bytes");

    [Theory]
    [InlineData("t1", true)]
    [InlineData("t-0123456789ab", true)]
    [InlineData("inst.example_1", true)]
    [InlineData("*DEFAULT*", false)]
    [InlineData("", true)] // no tenant: left to the policies, which answer 403
    [InlineData("a\u0000", false)]
    public void The_tenant_pattern(string tenant, bool accepted)
    {
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(ClaimNames.Subject, "ann"), new(ClaimNames.Tenant, tenant)], "test"));
        (CallerClaims.Refusal(user) is null).ShouldBe(accepted);
    }
}
