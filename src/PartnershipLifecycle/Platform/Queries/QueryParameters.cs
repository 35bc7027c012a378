using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Platform.Queries;

/// <summary>Query-string values in the API's words: enum filters are snake_case, like the JSON.</summary>
public static class QueryParameters
{
    public static bool TryParseEnum<TEnum>(string? text, out TEnum? value, Dictionary<string, string[]> errors, string name)
        where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToWire(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        errors[name] = [ApiText.Format("Query.OneOfValues", ("field", name), ("values", string.Join(", ", PartnershipJson.WireNames(typeof(TEnum)))))];
        return false;
    }

    /// <summary>
    /// <c>page</c> (1 to 2147483647, default 1) and <c>pageSize</c> (1 to <see cref="PageRequest.MaxSize"/>, default
    /// <see cref="PageRequest.DefaultSize"/>), as every list reads them; anything else is an error naming the parameter.
    /// Read as text, so that a number past int's range is this 400, not a binding failure.
    /// </summary>
    public static bool TryParsePage(string? page, string? pageSize, Dictionary<string, string[]> errors, out PageRequest paging)
    {
        var valid = TryParseInt(page, 1, int.MaxValue, out var number, errors, "page");
        valid &= TryParseInt(pageSize, 1, PageRequest.MaxSize, out var size, errors, "pageSize");
        paging = new PageRequest(number ?? 1, size ?? PageRequest.DefaultSize);
        return valid;
    }

    /// <summary>An optional whole number from <paramref name="min"/> to <paramref name="max"/>; anything else is an error naming <paramref name="name"/>.</summary>
    public static bool TryParseInt(string? text, int min, int max, out int? value, Dictionary<string, string[]> errors, string name)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed) &&
            parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        errors[name] = [ApiText.Format("Query.WholeNumberFromTo", ("field", name), ("min", min), ("max", max))];
        return false;
    }
}

/// <summary>
/// A page of a list: <c>{items[], total, page, pageSize}</c>. <see cref="Total"/> counts every match whatever the page;
/// a page past the end has no items. Every list of the API answers this shape, sorted stably (ties broken by id).
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize)
{
    public const int DefaultSize = PageRequest.DefaultSize;
    public const int MaxSize = PageRequest.MaxSize;
}
