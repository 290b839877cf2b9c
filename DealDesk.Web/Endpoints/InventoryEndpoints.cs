using DealDesk.Data.Inventory;
using DealDesk.Web.Components.Pages.Inventory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DealDesk.Web.Endpoints;

internal static class InventoryEndpoints
{
    public static void MapInventoryEndpoints(this IEndpointRouteBuilder app)
    {
        // htmx fragment: the vehicle table for a search, swapped in as the user types.
        app.MapGet("/inventory/rows", async (string? q, string? status, int? page, InventoryService inventory, CancellationToken ct) =>
        {
            var search = new VehicleSearch(q, status, page ?? 1);
            var result = await inventory.SearchAsync(search, ct);
            return new RazorComponentResult<VehicleTable>(new { Search = search, Result = result });
        });
    }
}
