using PartnershipLifecycle.Partners.Identifying;

namespace PartnershipLifecycle.Partners.Viewing;

/// <summary>
/// The key lists sort partner names by, as people expect: case and accents ignored ("apple Orchard", "Banana Farm",
/// "Éclair Patisserie", "Zebra Print"), whatever the database's collation. Stored with the partner
/// (<see cref="Partner.SortName"/>) so that PostgreSQL sorts and pages by it; ties fall back to the name, then the id.
/// </summary>
public static class NameSortKey
{
    /// <summary>The name folded as the duplicate check folds it (<see cref="PartnerNames.Fold"/>), white space collapsed.</summary>
    public static string Of(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "" : string.Join(' ', PartnerNames.Fold(name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
