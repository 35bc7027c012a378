using System.Globalization;
using System.Text;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Platform.Validation;

/// <summary>What a string of the API is: a name (one line) or free text (lines, tabs).</summary>
public enum TextKind
{
    /// <summary>Names, identifiers, addresses: no control character at all (no tab, no line break).</summary>
    Name,

    /// <summary>Summaries, notes, feedback: tab (U+0009), line feed (U+000A) and carriage return (U+000D) allowed.</summary>
    FreeText,
}

/// <summary>
/// The characters every string of the API must be made of, and how its length is counted (issue 12, "Text").
/// Checked once for every command: on every string of every body by the request guard (as <see cref="TextKind.FreeText"/>),
/// and by the shared field rules of <see cref="Validation"/> (names more strictly).
/// </summary>
public static class TextRules
{
    /// <summary>
    /// The most code points one user-perceived character may hold. The longest emoji sequences (a family with skin
    /// tones) hold 11; more is a pile of combining marks ("Zalgo" text) that would let 200 "characters" be any size.
    /// </summary>
    public const int MaxCodePointsPerCharacter = 16;

    /// <summary>
    /// The length as people count it: user-perceived characters (extended grapheme clusters, .NET text elements), so
    /// "🏭" is 1 (2 UTF-16 code units), "é" written as e + U+0301 is 1, and a flag is 1.
    /// </summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>
    /// Why <paramref name="text"/> may not be stored, as the end of a sentence starting with the field's name
    /// ("may not contain the NUL character (U+0000)."), or null when it may. Refused everywhere: NUL (PostgreSQL
    /// cannot store it), control characters (U+0000–U+001F, U+007F–U+009F) other than tab, line feed and carriage
    /// return, unpaired UTF-16 surrogates (JSON escapes such as <c>"\ud800"</c>), and a character of more than
    /// <see cref="MaxCodePointsPerCharacter"/> code points. In a <see cref="TextKind.Name"/> also tab, line feed,
    /// carriage return, the Unicode line and paragraph separators (U+2028, U+2029) and the bidirectional embeddings,
    /// overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name display as another (UTS #55).
    /// </summary>
    public static string? Problem(string text, TextKind kind)
    {
        // Free text may hold direction controls (a quotation in another script), but each must be closed on its line
        // (UAX #9: a line or paragraph end closes them for the text, not for what a page shows after it).
        List<char>? open = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (kind == TextKind.FreeText && Unclosed(ref open, c) is { } unclosed)
            {
                return ApiText.Format("Text.BidiUnclosed", ("code", Code(unclosed)));
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return ApiText.Format("Text.UnpairedSurrogate", ("code", Code(c)));
            }
            else if (c == '\0')
            {
                return ApiText.Format("Text.Nul");
            }
            else if (kind == TextKind.Name && (char.IsControl(c) || c is '\u2028' or '\u2029'))
            {
                return ApiText.Format("Text.NameControl", ("code", Code(c)));
            }
            else if (kind == TextKind.Name && c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                // Unicode's bidirectional embeddings, overrides and isolates reorder what is shown ("Trojan Source",
                // CVE-2021-42574; UTS #55): "Evil\u202EoC" displays as "EvilCo" and escapes the duplicate check.
                return ApiText.Format("Text.Bidi", ("code", Code(c)));
            }
            else if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return ApiText.Format("Text.Control", ("code", Code(c)));
            }
        }

        if (open is { Count: > 0 })
        {
            return ApiText.Format("Text.BidiUnclosed", ("code", Code(open[0])));
        }

        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (element.Length > MaxCodePointsPerCharacter && element.EnumerateRunes().Count() > MaxCodePointsPerCharacter)
            {
                return ApiText.Format("Text.Piled", ("max", MaxCodePointsPerCharacter));
            }
        }

        return null;
    }

    /// <summary>
    /// Follows the direction controls of one line: embeddings and overrides (U+202A, U+202B, U+202D, U+202E) are closed by
    /// U+202C, isolates (U+2066–U+2068) by U+2069 (which also closes the embeddings opened inside them); a closer with
    /// nothing to close is harmless. At a line or paragraph end, answers the first control still open.
    /// </summary>
    private static char? Unclosed(ref List<char>? open, char c)
    {
        switch (c)
        {
            case '\u202A' or '\u202B' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068':
                (open ??= []).Add(c);
                return null;
            case '\u202C' when open is { Count: > 0 } && open[^1] is not ('\u2066' or '\u2067' or '\u2068'):
                open.RemoveAt(open.Count - 1);
                return null;
            case '\u2069' when open is not null && open.FindLastIndex(o => o is '\u2066' or '\u2067' or '\u2068') is var isolate and >= 0:
                open.RemoveRange(isolate, open.Count - isolate);
                return null;
            case '\n' or '\r' or '\u2029' or '\u0085' or '\u001C' or '\u001D' or '\u001E' when open is { Count: > 0 }:
                return open[0];
            default:
                return null;
        }
    }

    private static string Code(char c) => ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>
    /// True when <paramref name="text"/> shows nothing: only white space, format characters (zero-width space U+200B,
    /// joiners, the byte-order mark) and control characters. A required name or text must show something.
    /// </summary>
    public static bool IsBlank(string text) =>
        text.EnumerateRunes().All(r => Rune.IsWhiteSpace(r) || Rune.IsControl(r)
            || Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    /// <summary><see cref="Problem"/> as a function of a text that may be null (no problem).</summary>
    public static Func<string?, string?> ProblemOf(TextKind kind) => text => text is null ? null : Problem(text, kind);
}
