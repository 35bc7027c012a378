using Marten;

namespace PartnershipLifecycle.Platform.Queries;

/// <summary>Which page of a list: <see cref="Page"/> from 1, <see cref="PageSize"/> items per page (1 to <see cref="MaxSize"/>).</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 200;

    public static PageRequest First { get; } = new(1, DefaultSize);

    /// <summary>How many matches come before the page, in 64 bits: page 2147483647 of 200 does not overflow.</summary>
    public long Offset => ((long)Page - 1) * PageSize;

    /// <summary>The page's items of <paramref name="total"/> matches, as the API answers them.</summary>
    public Paged<T> Answer<T>(IReadOnlyList<T> items, long total) => new(items, total, Page, PageSize);
}

/// <summary>Paging a Marten query in the database: one count, then the page's rows only (none past the end).</summary>
public static class PagedQueries
{
    /// <summary>
    /// The page of <paramref name="query"/> (already filtered and sorted stably, ties broken by id) as
    /// <see cref="Paged{T}"/>: <c>count(*)</c> of the matches, then <c>offset/limit</c> for the page; a page past
    /// the end is empty, and is not read.
    /// </summary>
    public static async Task<Paged<TView>> ToPagedAsync<TDoc, TView>(this IQueryable<TDoc> query, PageRequest paging, Func<TDoc, TView> view, CancellationToken ct)
        where TDoc : notnull
    {
        var total = await query.CountAsync(ct);
        if (paging.Offset >= total)
        {
            return paging.Answer<TView>([], total);
        }

        // The offset is below the count, an int.
        var items = await query.Skip((int)paging.Offset).Take(paging.PageSize).ToListAsync(ct);
        return paging.Answer<TView>([.. items.Select(view)], total);
    }
}
