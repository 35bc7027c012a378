using System.Net;
using System.Security.Claims;
using CsCheck;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Webhooks;

namespace PartnershipLifecycle.Tests.Security;

/// <summary>Free input to the security checks: claims of any text, webhook URLs of any address.</summary>
public class SecurityPropertyTests
{
    private const string Allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

    private static readonly Gen<string> TenantLike = Gen.OneOf(
        Gen.String[0, 80],
        Gen.Char[Allowed + "*\0\n \u00e9\u200b/"].Array[0, 70].Select(c => new string(c)),
        Gen.Const("*DEFAULT*"));

    private static ClaimsPrincipal User(string tenant, string sub = "ann") =>
        new(new ClaimsIdentity([new(ClaimNames.Subject, sub), new(ClaimNames.Tenant, tenant)], "test"));

    [Fact]
    public void A_tenant_id_is_accepted_only_in_the_documented_shape() =>
        TenantLike.Sample(tenant =>
        {
            var accepted = CallerClaims.Refusal(User(tenant)) is null;
            var documented = tenant.Length == 0 // no tenant: the policies answer 403
                || (tenant.Length <= CallerClaims.TenantIdMaxLength && char.IsAsciiLetterOrDigit(tenant[0]) && tenant.All(Allowed.Contains));
            accepted.ShouldBe(documented, $"tenant_id '{tenant}'");
            if (accepted)
            {
                tenant.ShouldNotBe("*DEFAULT*");
                tenant.Any(char.IsControl).ShouldBeFalse();
            }
        });

    /// <summary>Direction controls would reorder the page around the name shown beside every event it recorded (UTS #55).</summary>
    private static bool Reorders(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';

    private static bool Unpaired(string s) =>
        s.Select((c, i) => char.IsHighSurrogate(c) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])
            : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1]))).Any(u => u);

    [Fact]
    public void A_sub_is_accepted_only_without_control_or_direction_characters_and_at_most_200_long() =>
        Gen.OneOf(Gen.String[0, 260], Gen.Char["ab é中\0\n\t\u202E\u202C\u2067\u2069\u2028\u200F"].Array[0, 30].Select(c => new string(c))).Sample(sub =>
            (CallerClaims.Refusal(User("t1", sub)) is null).ShouldBe(
                sub.Length is > 0 and <= CallerClaims.SubjectMaxLength && !sub.Any(c => char.IsControl(c) || Reorders(c)) && !Unpaired(sub), sub));

    [Fact]
    public void An_ipv4_webhook_address_is_registered_only_when_public_in_every_spelling() =>
        Gen.Byte.Array[4].Sample(bytes =>
        {
            var address = new IPAddress(bytes);
            var isPublic = WebhookAddresses.IsPublic(address);
            WebhookAddresses.IsPublic(address.MapToIPv6()).ShouldBe(isPublic);
            foreach (var url in new[]
            {
                $"http://{address}/hook", $"http://[{address.MapToIPv6()}]/hook",
                $"http://{BitConverter.ToUInt32([bytes[3], bytes[2], bytes[1], bytes[0]])}/hook",
            })
            {
                (WebhookAddresses.Refusal(url, allowPrivateNetworks: false) is null).ShouldBe(isPublic, url);
                WebhookAddresses.Refusal(url, allowPrivateNetworks: true).ShouldBeNull(url);
            }
        });
}
