using DealDesk.Data.Deals;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>
/// Everything the deals list shows, as it travels in the URL: ?q=…&amp;state=draft&amp;mine=true&amp;page=2&amp;sort=price&amp;dir=asc.
/// Defaults stay out of the URL; "mine" stays a word so a shared link means "the reader's own deals".
/// </summary>
public sealed record DealListView(DealListFilter Filter, int PageIndex, int PageSize, string? Sort, bool Descending)
{
    public static readonly DealListView Default = new(new DealListFilter(), 0, 20, DealSort.Created, true);

    /// <summary>MudDataGrid's sort names (the columns' property names) as the service's sort keys.</summary>
    private static readonly Dictionary<string, string> SortKeys = new()
    {
        [nameof(DealSummary.DealNumber)] = DealSort.Number,
        [nameof(DealSummary.CustomerName)] = DealSort.Customer,
        [nameof(DealSummary.VehicleTitle)] = DealSort.Vehicle,
        [nameof(DealSummary.SalespersonName)] = DealSort.Salesperson,
        [nameof(DealSummary.State)] = DealSort.State,
        [nameof(DealSummary.Price)] = DealSort.Price,
        [nameof(DealSummary.MonthlyPayment)] = DealSort.Payment,
        [nameof(DealSummary.CreatedAt)] = DealSort.Created,
    };

    public static string? SortKeyOf(string? column) => column is not null && SortKeys.TryGetValue(column, out var key) ? key : null;

    public DealSearch ToSearch() => new(Filter.State, Filter.Query, PageIndex + 1, PageSize, Filter.SalespersonId,
        Sort ?? DealSort.Created, Sort is null || Descending);

    public static DealListView FromQuery(string? q, string? state, Guid? salesperson, bool? mine, int? page, int? size,
        string? sort, string? direction, Guid? me, IReadOnlyCollection<int> pageSizes)
    {
        var filter = new DealListFilter(
            string.IsNullOrWhiteSpace(q) ? null : q,
            DealState.All.FirstOrDefault(s => string.Equals(s, state, StringComparison.OrdinalIgnoreCase)),
            mine == true && me is not null ? me : salesperson);
        var sortKey = DealSort.All.FirstOrDefault(s => string.Equals(s, sort, StringComparison.OrdinalIgnoreCase));
        return new DealListView(filter,
            PageIndex: Math.Max(0, (page ?? 1) - 1),
            PageSize: size is { } s && pageSizes.Contains(s) ? s : Default.PageSize,
            Sort: sortKey ?? DealSort.Created,
            Descending: sortKey is null || !string.Equals(direction, "asc", StringComparison.OrdinalIgnoreCase));
    }

    public IReadOnlyDictionary<string, object?> ToQuery(Guid? me, int defaultPageSize)
    {
        var mine = me is not null && Filter.SalespersonId == me;
        var defaultSort = (Sort ?? DealSort.Created) == DealSort.Created && Descending;
        return new Dictionary<string, object?>
        {
            ["q"] = Filter.Query,
            ["state"] = Filter.State?.ToLowerInvariant(),
            ["salesperson"] = mine ? null : Filter.SalespersonId,
            ["mine"] = mine ? "true" : null,
            ["page"] = PageIndex > 0 ? PageIndex + 1 : null,
            ["size"] = PageSize != defaultPageSize ? PageSize : null,
            ["sort"] = defaultSort ? null : Sort ?? DealSort.Created,
            ["dir"] = defaultSort ? null : Descending ? "desc" : "asc",
        };
    }
}
