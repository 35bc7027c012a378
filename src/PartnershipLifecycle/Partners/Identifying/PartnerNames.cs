using System.Globalization;
using System.Text;

namespace PartnershipLifecycle.Partners.Identifying;

/// <summary>
/// How one organisation is recognised when two programmes approach it: its name without case, spacing,
/// punctuation and legal suffixes ("ACME Ltd." = "Acme Limited" = "acme"), or its website's domain.
/// </summary>
public static class PartnerNames
{
    private static readonly HashSet<string> LegalSuffixes =
    [
        "ltd", "limited", "inc", "incorporated", "co", "company", "corp", "corporation", "llc", "llp", "lp",
        "plc", "gmbh", "ag", "sa", "bv", "nv", "pty", "pte", "srl", "spa", "oy", "ab", "as", "kk", "hk",
    ];

    public static string Normalise(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in RemoveDiacritics(name).ToLowerInvariant().Replace("&", " and "))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (c is '\'' or '’')
            {
                // "Macy's" and "Macys" are the same name.
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        if (words.Count > 1 && words[0] == "the")
        {
            words.RemoveAt(0);
        }

        // Strip trailing legal forms ("Co. Ltd", "Pty Ltd") but never the whole name.
        while (words.Count > 1 && LegalSuffixes.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Concat(words);
    }

    /// <summary>"https://www.Acme.com/careers" → "acme.com"; null when the text names no host.</summary>
    public static string? DomainOf(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
        {
            return null;
        }

        var text = website.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || !uri.Host.Contains('.'))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant().TrimEnd('.');
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static string RemoveDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
        return string.Concat(kept).Normalize(NormalizationForm.FormC);
    }
}
