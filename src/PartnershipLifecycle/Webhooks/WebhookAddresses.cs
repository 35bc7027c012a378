using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Webhooks;

/// <summary>
/// Which addresses a webhook may reach (OWASP API7, server-side request forgery). Unless
/// <c>Webhooks:AllowPrivateNetworks</c> is true, a webhook may not reach loopback, private (RFC 1918, RFC 4193),
/// shared (RFC 6598), link-local (RFC 3927, cloud metadata at 169.254.169.254), multicast, broadcast, reserved
/// or unspecified addresses. Checked twice: at registration on the URL as written, and at connect time on the
/// addresses its host name resolves to then (<see cref="WebhookConnector"/>), so a name that later resolves
/// inside fails the try instead of reaching it.
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Whether <paramref name="address"/> is on the public internet (not one of the ranges above).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224 // this network, private, loopback, multicast, reserved, broadcast
                || (b[0] == 100 && b[1] is >= 64 and <= 127) // shared address space (carrier-grade NAT)
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                || (b[0] == 198 && b[1] is 18 or 19)); // benchmarking
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        // IPv4 embedded in NAT64 (64:ff9b::/96) or 6to4 (2002::/16): judged by the IPv4 address inside.
        if (bytes is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return IsPublic(new IPAddress(bytes[12..16]));
        }

        if (bytes is [0x20, 0x02, ..])
        {
            return IsPublic(new IPAddress(bytes[2..6]));
        }

        // ::/96 (IPv4-compatible, deprecated) and anything else under ::/8 is reserved.
        return bytes[0] != 0;
    }

    /// <summary>
    /// Why a webhook may not be registered at <paramref name="url"/>, or null when it may: only absolute http
    /// and https addresses with a host, no user name or password in them, and, unless
    /// <paramref name="allowPrivateNetworks"/>, no address literal or <c>localhost</c> name outside the public internet.
    /// Names are not resolved here: the connect-time check judges what they resolve to on each try.
    /// </summary>
    public static string? Refusal(string url, bool allowPrivateNetworks)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return ApiText.Format("Webhook.UrlAbsolute");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return ApiText.Format("Webhook.UrlUserInfo");
        }

        if (allowPrivateNetworks)
        {
            return null;
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return ApiText.Format("Webhook.UrlLocalhost");
        }

        // Also numeric hosts in the forms resolvers accept (2130706433, 0x7f000001): IPAddress parses them as well.
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && !IsPublic(address))
        {
            return ApiText.Format("Webhook.UrlPrivate", ("address", address));
        }

        return null;
    }
}

/// <summary>Resolves a webhook's host name to its addresses; tests replace it to map names to loopback.</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

/// <summary>The system's DNS resolver.</summary>
public sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>
/// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself, refuses the
/// connection when any address it resolves to is not public (unless <c>Webhooks:AllowPrivateNetworks</c>), and
/// connects to exactly the addresses it checked, so a second lookup cannot answer differently (DNS rebinding).
/// Redirects are followed only through here too, and no proxy is used.
/// </summary>
public sealed class WebhookConnector(IOptionsMonitor<WebhookSettings> settings, IWebhookHostResolver resolver)
{
    /// <summary>Sets <see cref="ConnectAsync"/> on the primary handler of the webhook client.</summary>
    public static void Configure(HttpMessageHandler handler, IServiceProvider services)
    {
        if (handler is SocketsHttpHandler sockets)
        {
            var connector = new WebhookConnector(
                services.GetService(typeof(IOptionsMonitor<WebhookSettings>)) as IOptionsMonitor<WebhookSettings>
                    ?? throw new InvalidOperationException("WebhookSettings are not registered."),
                services.GetService(typeof(IWebhookHostResolver)) as IWebhookHostResolver ?? new DnsWebhookHostResolver());
            sockets.UseProxy = false;
            sockets.ConnectCallback = connector.ConnectAsync;
        }
        else
        {
            throw new InvalidOperationException($"The webhook client's handler is a {handler.GetType().Name}, not a SocketsHttpHandler: the connect-time address check cannot be installed.");
        }
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, ct);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"{host} resolves to no address.");
        }

        if (!settings.CurrentValue.AllowPrivateNetworks && addresses.FirstOrDefault(a => !WebhookAddresses.IsPublic(a)) is { } inside)
        {
            throw new HttpRequestException(
                $"Refused: {host} resolves to {inside}, which is not a public address (loopback, private, link-local, multicast or unspecified).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
