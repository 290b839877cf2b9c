using System.Globalization;
using DealDesk.Data.Inventory;

namespace DealDesk.Web.Components.Pages.Inventory;

/// <summary>
/// The inventory list as its address says it: /inventory?q=camry&amp;status=available&amp;make=Toyota&amp;condition=used
/// &amp;minPrice=20000&amp;maxPrice=30000&amp;page=2&amp;sort=-price. Anything the address cannot mean (an unknown status,
/// condition or sort, page 0, a price that is not a number) falls back to the default, never to an error.
/// GET /api/vehicles reads the same parameters.
/// </summary>
public sealed record InventoryQuery(string? Q = null, string? Status = null, int Page = 1, string? Sort = null,
    string? Make = null, string? Condition = null, decimal? MinPrice = null, decimal? MaxPrice = null)
{
    public const int PageSize = 15;

    /// <summary>The sortable columns' property names and their short names in the address.</summary>
    private static readonly Dictionary<string, (string Token, VehicleSort Sort)> Columns = new()
    {
        [nameof(Vehicle.Price)] = ("price", VehicleSort.Price),
        [nameof(Vehicle.Year)] = ("year", VehicleSort.Year),
        [nameof(Vehicle.StockNumber)] = ("stock", VehicleSort.StockNumber),
        [nameof(Vehicle.ReceivedOn)] = ("days", VehicleSort.DaysInStock),
    };

    public static InventoryQuery From(string? q, string? status, int? page, string? sort,
        string? make = null, string? condition = null, string? minPrice = null, string? maxPrice = null) => new(
        string.IsNullOrWhiteSpace(q) ? null : q,
        status is not null && VehicleStatus.All.Contains(status) ? status : null,
        Math.Max(1, page ?? 1),
        SortFor(sort) is null ? null : sort,
        string.IsNullOrWhiteSpace(make) ? null : make.Trim(),
        condition is not null && VehicleCondition.All.Contains(condition) ? condition : null,
        Amount(minPrice),
        Amount(maxPrice));

    /// <summary>Any filter besides the text search (the empty state offers to clear them).</summary>
    public bool IsFiltered => Status is not null || Make is not null || Condition is not null || MinPrice is not null || MaxPrice is not null;

    /// <summary>The grid column sorted by, and which way; null when the list is in its default order.</summary>
    public (string Column, bool Descending)? SortColumn => SortFor(Sort) is { } s ? (s.Column, s.Descending) : null;

    /// <summary>The address token for a grid column's sort ("-price"); null for no sort or a column that cannot sort.</summary>
    public static string? SortToken(string? column, bool descending) =>
        column is not null && Columns.TryGetValue(column, out var c) ? (descending ? "-" : "") + c.Token : null;

    public VehicleSearch ToSearch(int pageSize = PageSize)
    {
        var sort = SortFor(Sort);
        return new VehicleSearch(Q, Status, Page, pageSize,
            sort is null ? VehicleSort.Default : Columns[sort.Value.Column].Sort, sort?.Descending ?? false,
            Make, Condition, MinPrice, MaxPrice);
    }

    /// <summary>The query string values (null removes the parameter: the default address stays /inventory).</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["q"] = Q,
        ["status"] = Status,
        ["make"] = Make,
        ["condition"] = Condition,
        ["minPrice"] = MinPrice?.ToString("0.##", CultureInfo.InvariantCulture),
        ["maxPrice"] = MaxPrice?.ToString("0.##", CultureInfo.InvariantCulture),
        ["page"] = Page > 1 ? Page : null,
        ["sort"] = Sort,
    };

    private static decimal? Amount(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : null;

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
