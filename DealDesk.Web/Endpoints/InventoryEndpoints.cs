using DealDesk.Data.Inventory;
using DealDesk.Web.Components.Pages.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DealDesk.Web.Endpoints;

internal static class InventoryEndpoints
{
    public static void MapInventoryEndpoints(this IEndpointRouteBuilder app)
    {
        // htmx fragment: the vehicle table for a search, swapped in as the user types.
        app.MapGet("/inventory/rows", async (string? q, string? status, int? page, InventoryService inventory, HttpResponse response, CancellationToken ct) =>
        {
            var search = new VehicleSearch(q, status, page ?? 1);
            var result = await inventory.SearchAsync(search, ct);
            // The address bar follows the search, so reload and the back button keep it.
            response.Headers["HX-Push-Url"] = $"/inventory?q={Uri.EscapeDataString(q ?? "")}&status={Uri.EscapeDataString(status ?? "")}&page={result.Page}";
            return new RazorComponentResult<VehicleTable>(new { Search = search, Result = result });
        });
    }
}
