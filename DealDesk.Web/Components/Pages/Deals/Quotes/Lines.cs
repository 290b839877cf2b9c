namespace DealDesk.Web.Components.Pages.Deals.Quotes;

/// <summary>Immutable line lists, edited by copy (the draft's inputs are records).</summary>
public static class Lines
{
    public static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> list, int index, T item) => [.. list.Select((x, i) => i == index ? item : x)];
    /// <summary>The item at <paramref name="index"/> changed as it is now (not as it was rendered).</summary>
    public static IReadOnlyList<T> Update<T>(IReadOnlyList<T> list, int index, Func<T, T> change) => [.. list.Select((x, i) => i == index ? change(x) : x)];
    public static IReadOnlyList<T> Without<T>(IReadOnlyList<T> list, int index) => [.. list.Where((_, i) => i != index)];
}
