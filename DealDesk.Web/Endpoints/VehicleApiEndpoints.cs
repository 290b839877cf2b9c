using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Web.Accounts;
using DealDesk.Web.Components.Pages.Inventory;
using DealDesk.Web.Errors;
using Microsoft.AspNetCore.Antiforgery;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// Vehicles in the JSON API: everyone signed in reads (the cost only reaches managers), managers write. The list takes
/// the inventory page's own parameters (<see cref="InventoryQuery"/>), plus pageSize (1–100, default 50).
/// </summary>
internal static class VehicleApiEndpoints
{
    public static void MapVehicleApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/vehicles").RequireAuthorization().AddEndpointFilter<ApiErrorFilter>();

        api.MapGet("", async (string? q, string? status, string? make, string? condition, string? minPrice, string? maxPrice,
            string? sort, int? page, int? pageSize, VehicleQueries vehicles, CancellationToken ct) =>
        {
            var query = InventoryQuery.From(q, status, page, sort, make, condition, minPrice, maxPrice);
            return Results.Ok(new Envelope<Paged<VehicleRecord>>(await vehicles.ListAsync(query.ToSearch(Math.Clamp(pageSize ?? 50, 1, 100)), ct)));
        });
        api.MapGet("/{id:guid}", async (Guid id, VehicleQueries vehicles, CancellationToken ct) =>
            Results.Ok(new Envelope<VehicleRecord>(await vehicles.GetAsync(id, ct))));

        var writes = api.MapGroup("").RequireAuthorization(Policies.Manager);
        writes.MapPost("", async (VehicleInput input, VehicleService service, CancellationToken ct) =>
        {
            var vehicle = await service.CreateAsync(input, ct);
            return Results.Created($"/api/vehicles/{vehicle.Id}", new Envelope<VehicleRecord>(vehicle));
        });
        writes.MapPut("/{id:guid}", async (Guid id, VehicleInput input, VehicleService service, CancellationToken ct) =>
            Results.Ok(new Envelope<VehicleRecord>(await service.UpdateAsync(id, input, ct))));
        writes.MapPost("/import", async (HttpContext http, VehicleImport import, IAntiforgery antiforgery, CancellationToken ct) =>
            // No Accepts metadata: routing would answer 415 for other bodies before authorization; ImportBody says what it reads.
            Results.Ok(new Envelope<VehicleImportResult>(await import.ImportAsync(await ImportBody.ReadAsync(http, antiforgery, ct), ct))));
    }
}
