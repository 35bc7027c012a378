using System.Net;
using PartnershipLifecycle.Webhooks;

namespace PartnershipLifecycle.Tests.Security;

/// <summary>Which addresses a webhook may reach (server-side request forgery), without a database.</summary>
public class WebhookAddressesTests
{
    public static readonly TheoryData<string> Inside =
    [
        "http://127.0.0.1:5432/", "http://127.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/",
        "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0/",
        "http://224.0.0.1/", "http://255.255.255.255/", "http://[::1]/", "http://[::]/", "http://[fe80::1]/", "http://[fc00::1]/",
        "http://[fd12:3456::1]/", "http://[ff02::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::10.0.0.1]/", "http://[2002:7f00:1::]/", "http://localhost/", "http://LOCALHOST:8080/x",
        "http://api.localhost/", "http://localhost./", "http://2130706433/", "http://0x7f000001/", "http://017700000001/",
    ];

    [Theory]
    [MemberData(nameof(Inside))]
    public void Addresses_inside_are_refused_unless_private_networks_are_allowed(string url)
    {
        WebhookAddresses.Refusal(url, allowPrivateNetworks: false).ShouldNotBeNull(url);
        WebhookAddresses.Refusal(url, allowPrivateNetworks: true).ShouldBeNull(url);
    }

    [Theory]
    [InlineData("https://hooks.example.com/partners")]
    [InlineData("http://93.184.215.14:8080/hook")]
    [InlineData("https://[2606:4700::1111]/hook")]
    [InlineData("https://internal-looking-name.example/hook")] // a name is judged at connect time, by what it resolves to
    public void Public_addresses_and_names_are_accepted(string url) => WebhookAddresses.Refusal(url, allowPrivateNetworks: false).ShouldBeNull();

    [Theory]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://hooks.example.com/")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("https://user:password@hooks.example.com/x")]
    [InlineData("https://token@hooks.example.com/x")]
    public void Only_http_and_https_without_credentials(string url)
    {
        WebhookAddresses.Refusal(url, allowPrivateNetworks: false).ShouldNotBeNull();
        WebhookAddresses.Refusal(url, allowPrivateNetworks: true).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.0", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.0.1", false)]
    [InlineData("::ffff:10.1.1.1", false)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("::1", false)]
    public void Public_or_not(string address, bool isPublic) => WebhookAddresses.IsPublic(IPAddress.Parse(address)).ShouldBe(isPublic);
}
