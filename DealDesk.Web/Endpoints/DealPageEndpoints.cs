namespace DealDesk.Web.Endpoints;

/// <summary>htmx fragment endpoints of the deals pages (dialog, pickers, actions).</summary>
internal static class DealPageEndpoints
{
    public static void MapDealPages(this IEndpointRouteBuilder routes)
    {
    }
}
