namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>What the deals list is narrowed to: a search, a state, one salesperson's deals (or anyone's).</summary>
public sealed record DealListFilter(string? Query = null, string? State = null, Guid? SalespersonId = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Query) && State is null && SalespersonId is null;
}
