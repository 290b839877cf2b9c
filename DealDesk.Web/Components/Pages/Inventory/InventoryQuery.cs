using DealDesk.Data.Inventory;

namespace DealDesk.Web.Components.Pages.Inventory;

/// <summary>
/// The inventory list as its address says it: /inventory?q=camry&amp;status=available&amp;page=2&amp;sort=-price.
/// Anything the address cannot mean (an unknown status or sort, page 0) falls back to the default, never to an error.
/// </summary>
public sealed record InventoryQuery(string? Q = null, string? Status = null, int Page = 1, string? Sort = null)
{
    public const int PageSize = 15;

    /// <summary>The sortable columns' property names and their short names in the address.</summary>
    private static readonly Dictionary<string, (string Token, VehicleSort Sort)> Columns = new()
    {
        [nameof(Vehicle.Price)] = ("price", VehicleSort.Price),
        [nameof(Vehicle.Year)] = ("year", VehicleSort.Year),
        [nameof(Vehicle.StockNumber)] = ("stock", VehicleSort.StockNumber),
    };

    public static InventoryQuery From(string? q, string? status, int? page, string? sort) => new(
        string.IsNullOrWhiteSpace(q) ? null : q,
        status is not null && VehicleStatus.All.Contains(status) ? status : null,
        Math.Max(1, page ?? 1),
        SortFor(sort) is null ? null : sort);

    /// <summary>The grid column sorted by, and which way; null when the list is in its default order.</summary>
    public (string Column, bool Descending)? SortColumn => SortFor(Sort) is { } s ? (s.Column, s.Descending) : null;

    /// <summary>The address token for a grid column's sort ("-price"); null for no sort or a column that cannot sort.</summary>
    public static string? SortToken(string? column, bool descending) =>
        column is not null && Columns.TryGetValue(column, out var c) ? (descending ? "-" : "") + c.Token : null;

    public VehicleSearch ToSearch()
    {
        var sort = SortFor(Sort);
        return new VehicleSearch(Q, Status, Page, PageSize,
            sort is null ? VehicleSort.Default : Columns[sort.Value.Column].Sort, sort?.Descending ?? false);
    }

    /// <summary>The query string values (null removes the parameter: the default address stays /inventory).</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["q"] = Q,
        ["status"] = Status,
        ["page"] = Page > 1 ? Page : null,
        ["sort"] = Sort,
    };

    private static (string Column, bool Descending)? SortFor(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var descending = token.StartsWith('-');
        var name = descending ? token[1..] : token;
        foreach (var (column, c) in Columns)
            if (c.Token == name) return (column, descending);
        return null;
    }
}
