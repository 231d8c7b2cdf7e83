using System.Linq.Expressions;

namespace Bangfu.Common;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

/// Paging and sorting that every list endpoint accepts: ?page=1&amp;pageSize=20&amp;sort=name&amp;desc=false.
public sealed record PageRequest(int Page = 1, int PageSize = 20, string? Sort = null, bool Desc = false)
{
    public const int MaxPageSize = 200;

    public void Validate(Validation v, IEnumerable<string> sortable)
    {
        if (Page < 1)
            v.Add("page", "Error.MustBePositive");
        if (PageSize is < 1 or > MaxPageSize)
            v.Add("pageSize", "Error.Range", 1, MaxPageSize);
        if (Sort is not null && !sortable.Contains(Sort, StringComparer.OrdinalIgnoreCase))
            v.Add("sort", "Error.UnknownSort", string.Join(", ", sortable));
    }
}

public static class PagingExtensions
{
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> query, Expression<Func<T, TKey>> key, bool desc) =>
        desc ? query.OrderByDescending(key) : query.OrderBy(key);

    public static IQueryable<T> TakePage<T>(this IQueryable<T> query, PageRequest page) =>
        query.Skip((page.Page - 1) * page.PageSize).Take(page.PageSize);
}
