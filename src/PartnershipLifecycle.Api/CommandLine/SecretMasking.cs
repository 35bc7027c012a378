using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace PartnershipLifecycle.Api.CommandLine;

/// <summary>
/// What the <c>describe</c> verb may print of the configuration: every value whose key names a secret (a key,
/// password, secret, token or credential) is replaced by <see cref="Mask"/>, and so is the password of any
/// connection string. Outside Development only the service's own settings are shown (its sections and keys in
/// <c>ConfigurationKeys</c>), not every environment variable of the machine.
/// </summary>
public static partial class SecretMasking
{
    public const string Mask = "***";

    [GeneratedRegex(@"(key|password|passwd|pwd|secret|token|credential|certificate|headers)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"((?:password|pwd)\s*=\s*)(""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringPassword();

    /// <summary>The value as describe may show it.</summary>
    public static string? MaskValue(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var last = key[(key.LastIndexOf(':') + 1)..];
        if (SecretKey().IsMatch(last) && !key.StartsWith("Logging", StringComparison.OrdinalIgnoreCase))
        {
            return Mask;
        }

        return ConnectionStringPassword().Replace(value, m => m.Groups[1].Value + Mask);
    }

    /// <summary>
    /// A configuration reading <paramref name="configuration"/>'s providers through masks, for the describe verb;
    /// <paramref name="shownSections"/> (top-level keys) limits what it shows, or null for everything.
    /// </summary>
    public static IConfigurationRoot Masked(IConfigurationRoot configuration, IReadOnlySet<string>? shownSections) =>
        new ConfigurationRoot([.. configuration.Providers.Select(p => (IConfigurationProvider)new MaskingProvider(p, shownSections))]);

    private sealed class MaskingProvider(IConfigurationProvider inner, IReadOnlySet<string>? shownSections) : IConfigurationProvider
    {
        public bool TryGet(string key, out string? value)
        {
            value = null;
            if (!Shown(key) || !inner.TryGet(key, out var raw))
            {
                return false;
            }

            value = MaskValue(key, raw);
            return true;
        }

        public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) =>
            inner.GetChildKeys(earlierKeys, parentPath).Where(k => parentPath is not null || Shown(k));

        private bool Shown(string key) => shownSections is null || shownSections.Contains(key.Split(':')[0]);

        public void Set(string key, string? value) => inner.Set(key, value);

        public IChangeToken GetReloadToken() => inner.GetReloadToken();

        public void Load()
        {
            // Loaded already by the host's own configuration.
        }

        public override string? ToString() => inner.ToString();
    }
}
