using System.Globalization;
using System.Text;

namespace PartnershipLifecycle.Partners.Viewing;

/// <summary>
/// The key lists sort partner names by, as people expect: case and accents ignored ("apple Orchard", "Banana Farm",
/// "Éclair Patisserie", "Zebra Print"), whatever the database's collation. Stored with the partner
/// (<see cref="Partner.SortName"/>) so that PostgreSQL sorts and pages by it; ties fall back to the name, then the id.
/// </summary>
public static class NameSortKey
{
    /// <summary>Compatibility-decomposed (NFKD: full-width letters fold too), combining marks dropped, lower case (invariant), spaces collapsed.</summary>
    public static string Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var key = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = key.Length > 0;
                continue;
            }

            if (space)
            {
                key.Append(' ');
                space = false;
            }

            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }
}
