using System.Globalization;
using System.Text;

namespace PartnershipLifecycle.Partners.Identifying;

/// <summary>
/// How one organisation is recognised when two programmes approach it (docs/api.md: "normalised name … or website
/// domain"): its name without case, width, spacing, punctuation, optional accents and legal forms in any of the
/// scripts the institutions write ("ACME Ltd." = "Acme Limited" = "ＡＣＭＥ" = "acme"; "海港物流有限公司" = "海港物流";
/// "Iberia Textil S.A." = "Iberia Textil SA"), or the website that is its own (its domain; on a shared platform its
/// account, see <see cref="WebsiteKey"/>). Pure functions; the partner snapshot stores both keys
/// (<see cref="Partner.NormalisedName"/>, <see cref="Partner.WebsiteKey"/>) so the duplicate check is one query.
/// </summary>
public static class PartnerNames
{
    /// <summary>
    /// The version of the keys: raised whenever <see cref="Normalise"/> or <see cref="WebsiteKey"/> gives a
    /// different key for some name or website, so that partner snapshots keyed by an older version are rebuilt
    /// (<see cref="Partner.IdentityKeysVersion"/>). 1: the first rules, 2: scripts, dotted forms, shared hosts,
    /// 3: directories, job boards, marketplaces and more social hosts in shared-hosts.txt, 4: no key changed; raised
    /// once so that snapshots stored before the columns <c>next_follow_up_on</c> and <c>mou_ends_on</c> existed are
    /// rebuilt with them (Marten fills a new column from the stored JSON, which had no such field).
    /// </summary>
    public const int Version = 4;

    // Legal forms as the words they become once folded (dots and case gone, "S.A." = "sa"), stripped from the end
    // of a name, longest first; several words are one form only together ("sp zoo": Polish "Sp. z o.o.").
    private static readonly string[][] Suffixes = Forms(
        // English-speaking, Asia-Pacific
        "ltd", "limited", "inc", "incorporated", "co", "company", "corp", "corporation", "llc", "llp", "lp", "plc",
        "pty", "pte", "pvt", "private limited", "and co", "hk", "kk", "tbk", "sdn", "bhd", "jsc",
        // Europe and Latin America
        "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "ug", "ev", "ek", "gbr", "gmbh and co kg", "gmbh and co", "se",
        "sa", "sas", "sasu", "sarl", "eurl", "sca", "snc", "bv", "nv", "vof", "bvba", "sprl", "srl", "spa", "sl", "slu", "sll",
        "ltda", "eireli", "sa de cv", "s de rl", "oy", "oyj", "ab", "as", "asa", "aps", "ehf", "hf", "sp zoo", "sro", "spol sro",
        "kft", "zrt", "nyrt", "doo", "dd", "ad", "ooo", "zao", "oao", "pao",
        // Greek (Α.Ε., Ε.Π.Ε., Ι.Κ.Ε., Ο.Ε., Ε.Ε.) and Cyrillic
        "αε", "επε", "ικε", "οε", "εε", "ооо", "оао", "зао", "пао", "ао",
        // Arabic (ش.م.م, ذ.م.م, ش.م.ع, ش.م.ب, ش.ذ.م.م, ش.م.ع.ق, ش.ش.و, "limited", "limited liability company")
        "شمم", "ذمم", "شمع", "شمب", "شذمم", "شمعق", "شمعع", "ششو", "شمل", "المحدوده", "ذات مسووليه محدوده",
        // Japanese (株) and (有), Korean (주): the sign's word alone
        "株", "有", "주");

    // Forms that come first: Indonesian "PT", Russian "ООО «…»", Japanese "(株)…", Korean "(주)…", Arabic "شركة …".
    private static readonly string[][] Prefixes = Forms(
        "the", "pt", "ooo", "ооо", "оао", "зао", "пао", "ао", "ип", "株", "有", "주", "شركه");

    // Forms written without a space in Chinese, Japanese and Korean, stripped from the joined name; longest first.
    private static readonly string[] AttachedSuffixes =
    [
        "股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "股份公司", "公司", "集團", "集团",
        "株式会社", "有限会社", "合同会社", "合資会社", "合名会社",
        "유한책임회사", "주식회사", "유한회사", "합자회사", "합명회사",
    ];

    private static readonly string[] AttachedPrefixes =
        ["株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "유한책임회사", "주식회사", "유한회사", "합자회사", "합명회사"];

    // Letters that no Unicode decomposition takes to their base letter.
    private static readonly Dictionary<char, string> LetterFolds = new()
    {
        ['ß'] = "ss", ['ø'] = "o", ['đ'] = "d", ['ð'] = "d", ['ł'] = "l", ['ħ'] = "h", ['ŧ'] = "t", ['æ'] = "ae", ['œ'] = "oe",
        ['þ'] = "th", ['ı'] = "i",
        // Arabic: alef maksura and Persian yeh as yeh, ta marbuta as heh, Persian keheh as kaf (the usual search folding).
        ['ى'] = "ي", ['ی'] = "ي", ['ة'] = "ه", ['ک'] = "ك",
    };

    /// <summary>
    /// The name as duplicates are recognised: a string of letters, digits and marks, e.g. <c>"acmerobotics"</c>.
    /// In order: Unicode NFKC (full-width and compatibility characters: "ＡＢＣ" = "ABC", "㈱" = "(株)", "ﬁ" = "fi");
    /// case folding ("ß" = "ss", "ς" = "σ"); optional marks dropped (accents of Latin, Greek and Cyrillic letters,
    /// Arabic and Hebrew vowel points, the Arabic tatweel; Japanese voicing marks and Indic vowel signs change the word
    /// and stay); decimal digits of every script as 0–9; "&amp;" as "and"; apostrophes dropped ("Macy's" = "Macys");
    /// runs of single letters joined ("S.A." = "S A" = "SA"); then a leading "the", legal forms at the start or end in
    /// the scripts above (Latin, Greek, Cyrillic, Arabic, 有限公司/集團/集团, 株式会社/(株), 주식회사/(주) …), and what is left
    /// joined without separators. A name is never stripped to nothing: "Limited" stays "limited"; a name without
    /// letters or digits ("🏭") is its folded text without spaces. Idempotent: <c>Normalise(Normalise(x)) == Normalise(x)</c>.
    /// Traditional and simplified Chinese characters of the name itself are not mapped to each other (only the legal forms are).
    /// </summary>
    public static string Normalise(string name)
    {
        var folded = Fold(name);
        var words = Words(folded);
        if (words.Count == 0)
        {
            // No letters or digits ("🏭", "!!!"): the folded text, else the text itself ("ـ"), without spaces.
            var symbols = string.Concat(folded.Where(c => !char.IsWhiteSpace(c)));
            return symbols.Length > 0 ? symbols : string.Concat(name.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));
        }

        StripForms(words);

        // Joined pieces may compose (a conjoining jamo or a voicing mark that stood apart): normalise the whole again.
        var joined = string.Concat(words).Normalize(NormalizationForm.FormKC);
        for (var changed = true; changed && !AttachedSuffixes.Contains(joined) && !AttachedPrefixes.Contains(joined);)
        {
            changed = false;
            foreach (var form in AttachedSuffixes)
            {
                if (joined.Length > form.Length && joined.EndsWith(form, StringComparison.Ordinal))
                {
                    joined = joined[..^form.Length];
                    changed = true;
                }
            }

            foreach (var form in AttachedPrefixes)
            {
                if (joined.Length > form.Length && joined.StartsWith(form, StringComparison.Ordinal))
                {
                    joined = joined[form.Length..];
                    changed = true;
                }
            }
        }

        return joined;
    }

    /// <summary>"https://www.Acme.com/careers" → "acme.com"; null when the text names no host.</summary>
    public static string? DomainOf(string? website) => Parse(website)?.Host;

    /// <summary>
    /// Whether a coordinator's website is one: a domain (<c>acme.example</c>), an <c>http</c> or <c>https</c> address,
    /// or an e-mail address (its domain), with a host of at least two labels. Not <c>ftp://</c>, <c>file:</c> or any
    /// other scheme: a page shows the website as a link to open in a browser.
    /// </summary>
    public static bool IsWebsite(string website) =>
        Parse(website) is (_, { Scheme: var scheme }) && (scheme == Uri.UriSchemeHttp || scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// The website as it identifies an organisation: its domain (<c>acme.com</c>, the host without <c>www.</c>, also of
    /// an e-mail address <c>jane@acme.com</c>), except on a shared host of <see cref="SharedHosts"/> (social networks,
    /// free mail, site builders, link-in-bio services), where it is the account: <c>facebook.com/alphabakery</c>,
    /// <c>gmail.com/alice</c>, <c>alpha.wixsite.com/shop</c>. Null without a website, or when the address names no
    /// account of a shared host (<c>https://www.facebook.com/</c>): such a website identifies nobody.
    /// </summary>
    public static string? WebsiteKey(string? website)
    {
        if (Parse(website) is not var (host, uri))
        {
            return null;
        }

        return SharedHosts.Covering(host) is { } shared ? shared.KeyOf(host, uri) : host;
    }

    private static (string Host, Uri Uri)? Parse(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
        {
            return null;
        }

        var text = website.Trim();
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["mailto:".Length..];
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || !uri.Host.Contains('.'))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant().TrimEnd('.');
        return (host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host, uri);
    }

    /// <summary>
    /// NFKC, case folding, optional marks dropped (accents; not marks that change a word, such as Japanese voicing),
    /// letter and digit folds; spaces and punctuation stay. What duplicates are compared by, and lists sorted by
    /// (<see cref="Viewing.NameSortKey"/>).
    /// </summary>
    public static string Fold(string text)
    {
        // Twice: lowering can make a letter with a mark or a fold ("İ" → "i̇", "ẞ" → "ß"), and dropping a mark an
        // upper-case letter that lowering had kept ("İ" → "I").
        var folded = text.Normalize(NormalizationForm.FormKC);
        for (var pass = 0; pass < 2; pass++)
        {
            folded = DropMarksAndFold(folded.ToUpperInvariant().ToLowerInvariant());
        }

        return folded.ToLowerInvariant().Normalize(NormalizationForm.FormKC);
    }

    private static string DropMarksAndFold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (IsOptionalMark(rune.Value))
            {
                continue;
            }

            if (rune.IsBmp && LetterFolds.TryGetValue((char)rune.Value, out var letters))
            {
                folded.Append(letters);
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber && Rune.GetNumericValue(rune) is >= 0 and <= 9 and var digit)
            {
                folded.Append((char)('0' + (int)digit));
            }
            else
            {
                folded.Append(rune.ToString());
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsOptionalMark(int c) =>
        c is (>= 0x0300 and <= 0x036F) or (>= 0x1AB0 and <= 0x1AFF) or (>= 0x1DC0 and <= 0x1DFF) or (>= 0x20D0 and <= 0x20FF)
            or (>= 0xFE20 and <= 0xFE2F) // combining diacritics of Latin, Greek and Cyrillic
            or (>= 0x0591 and <= 0x05C7) // Hebrew points
            or (>= 0x0610 and <= 0x061A) or (>= 0x064B and <= 0x065F) or 0x0670 or (>= 0x06D6 and <= 0x06ED) // Arabic marks
            or 0x0640; // Arabic tatweel (kashida): a stretch, not a letter

    /// <summary>The runs of letters, digits and marks; apostrophes dropped, "&amp;" a word "and", single letters joined.</summary>
    private static List<string> Words(string folded)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var singles = new StringBuilder();

        void EndWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            var text = word.ToString();
            word.Clear();
            if (IsSingleLetter(text))
            {
                singles.Append(text);
                return;
            }

            EndSingles();
            words.Add(text);
        }

        void EndSingles()
        {
            if (singles.Length > 0)
            {
                words.Add(singles.ToString());
                singles.Clear();
            }
        }

        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                word.Append(rune.ToString());
            }
            else if (rune.Value is '\'' or '’' or '‘' or 'ʼ' or '`')
            {
                // "Macy's" and "Macys" are the same name.
            }
            else
            {
                EndWord();
                if (rune.Value == '&')
                {
                    EndSingles();
                    words.Add("and");
                }
            }
        }

        EndWord();
        EndSingles();
        return words;
    }

    // One letter of an alphabet ("S" of "S.A."), not one syllable or ideograph, which is a word of its own.
    private static bool IsSingleLetter(string text) =>
        text.EnumerateRunes().Count() == 1 && Rune.IsLetter(Rune.GetRuneAt(text, 0)) && !IsSyllabicOrIdeographic(Rune.GetRuneAt(text, 0).Value);

    private static bool IsSyllabicOrIdeographic(int c) =>
        c is (>= 0x1100 and <= 0x11FF) or (>= 0x2E80 and <= 0x9FFF) or (>= 0xA960 and <= 0xA97F) or (>= 0xAC00 and <= 0xD7FF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF66 and <= 0xFFDC) or >= 0x20000;

    private static void StripForms(List<string> words)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var form in Suffixes)
            {
                if (words.Count > form.Length && words.Skip(words.Count - form.Length).SequenceEqual(form))
                {
                    words.RemoveRange(words.Count - form.Length, form.Length);
                    changed = true;
                    break;
                }
            }

            foreach (var form in Prefixes)
            {
                if (words.Count > form.Length && words.Take(form.Length).SequenceEqual(form))
                {
                    words.RemoveRange(0, form.Length);
                    changed = true;
                    break;
                }
            }

            // A form of the scripts written without spaces, standing as a word ("ABC Trading 有限公司 Ltd").
            if (words.Count > 1 && (AttachedSuffixes.Contains(words[^1]) || AttachedPrefixes.Contains(words[0])))
            {
                words.RemoveAt(AttachedSuffixes.Contains(words[^1]) ? words.Count - 1 : 0);
                changed = true;
            }
        }
    }

    private static string[][] Forms(params string[] forms) =>
        [.. forms.Select(f => f.Split(' ')).OrderByDescending(f => f.Length)];
}
