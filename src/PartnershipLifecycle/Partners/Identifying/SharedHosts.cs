namespace PartnershipLifecycle.Partners.Identifying;

/// <summary>
/// One host of <c>shared-hosts.txt</c>: a social network, free mail provider, site builder, link-in-bio service or directory
/// where many organisations live under one domain, so that an account, not the domain, names an organisation.
/// </summary>
/// <param name="Kind"><c>social</c>, <c>mail</c>, <c>site_builder</c>, <c>link_in_bio</c> or <c>directory</c>.</param>
/// <param name="Host">The registered host in lower case, e.g. <c>facebook.com</c>; it covers its subdomains.</param>
/// <param name="SubdomainIsAccount">The subdomain names the account (<c>alpha.wixsite.com</c>); the bare host names nobody.</param>
/// <param name="Patterns">The leading path segments that name the account, tried in order (see the file's header).</param>
public sealed record SharedHost(string Kind, string Host, bool SubdomainIsAccount, IReadOnlyList<string> Patterns)
{
    /// <summary>A website of <paramref name="account"/> on this host, as a coordinator would paste it.</summary>
    public string Example(string account)
    {
        if (Patterns is ["@"])
        {
            return $"{account}@{Host}";
        }

        var path = Patterns.Count == 0 ? "" : string.Join('/', Patterns[0].Split('/').Select(segment => segment switch
        {
            "*" => account,
            "@*" => "@" + account,
            _ when segment.Contains('?') => segment + "=" + account,
            _ => segment,
        }));
        return SubdomainIsAccount ? $"https://{account}.{Host}/{path}" : $"https://www.{Host}/{path}";
    }

    /// <summary>
    /// The account key of a website on this host (<c>facebook.com/alphabakery</c>), or null when the address
    /// names no account (<c>https://www.facebook.com/</c>, <c>gmail.com</c>).
    /// </summary>
    /// <param name="host">The website's host in lower case, without <c>www.</c>.</param>
    public string? KeyOf(string host, Uri uri)
    {
        if (Patterns is ["@"])
        {
            var mailbox = Uri.UnescapeDataString(uri.UserInfo).Split(':')[0].Split('+')[0].ToLowerInvariant();
            return mailbox.Length == 0 ? null : $"{Host}/{mailbox}";
        }

        string root;
        if (SubdomainIsAccount)
        {
            if (host == Host)
            {
                return null;
            }

            root = host;
        }
        else
        {
            root = Host;
        }

        if (Patterns.Count == 0)
        {
            return root;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        foreach (var pattern in Patterns)
        {
            var parts = pattern.Split('/');
            if (segments.Length < parts.Length)
            {
                continue;
            }

            var key = new List<string>();
            var fits = true;
            for (var i = 0; i < parts.Length && fits; i++)
            {
                var (part, segment) = (parts[i], segments[i]);
                if (part == "*")
                {
                    key.Add(segment);
                }
                else if (part == "@*")
                {
                    fits = segment.Length > 1 && segment[0] == '@';
                    key.Add(segment);
                }
                else if (part.Split('?') is [var literal, var parameter])
                {
                    var value = QueryValue(uri.Query, parameter);
                    fits = string.Equals(segment, literal, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(value);
                    key.Add($"{literal}?{parameter}={value}");
                }
                else
                {
                    fits = string.Equals(segment, part, StringComparison.OrdinalIgnoreCase);
                    key.Add(part);
                }
            }

            if (fits)
            {
                return $"{root}/{string.Join('/', key)}".ToLowerInvariant();
            }
        }

        return null;
    }

    private static string? QueryValue(string query, string name) =>
        query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && string.Equals(pair[0], name, StringComparison.OrdinalIgnoreCase))
            .Select(pair => Uri.UnescapeDataString(pair[1]))
            .FirstOrDefault();
}

/// <summary>The list of shared hosts, read once from the embedded <c>shared-hosts.txt</c> (data, not code).</summary>
public static class SharedHosts
{
    private const string Resource = "PartnershipLifecycle.shared-hosts.txt";

    /// <summary>Every host of the file, in its order.</summary>
    public static IReadOnlyList<SharedHost> All { get; } = Load();

    /// <summary>The listed host that covers <paramref name="host"/> (itself or a parent; the longest wins), or null.</summary>
    public static SharedHost? Covering(string host) =>
        All.Where(h => host == h.Host || host.EndsWith("." + h.Host, StringComparison.Ordinal))
            .MaxBy(h => h.Host.Length);

    private static SharedHost[] Load()
    {
        using var stream = typeof(SharedHosts).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        var hosts = new List<SharedHost>();
        string[] kinds = ["social", "mail", "site_builder", "link_in_bio", "directory"];
        for (var (line, number) = (reader.ReadLine(), 1); line is not null; (line, number) = (reader.ReadLine(), number + 1))
        {
            var fields = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length < 2 || !kinds.Contains(fields[0]))
            {
                throw new InvalidOperationException($"shared-hosts.txt line {number}: expected 'kind host patterns...', kind one of {string.Join(", ", kinds)}.");
            }

            var host = fields[1].ToLowerInvariant();
            var subdomain = host.StartsWith("*.", StringComparison.Ordinal);
            hosts.Add(new SharedHost(fields[0], subdomain ? host[2..] : host, subdomain, fields[2..]));
        }

        return [.. hosts];
    }
}
