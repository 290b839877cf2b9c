using System.Security.Claims;
using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Web.Accounts;

namespace DealDesk.Web.Components.Pages.Deals;

/// <summary>What the deal form lists next to the user's input: vehicles to pick, customers found, salespeople.</summary>
public sealed record DealFormOptions(
    VehicleChoices Vehicles,
    IReadOnlyList<CustomerView> CustomerMatches,
    IReadOnlyList<PersonOption>? Salespeople)
{
    public static readonly DealFormOptions Empty = new(VehicleChoices.Empty, [], null);
}

/// <summary>Available vehicles for a search, with the chosen one pinned on top even when the search does not list it.</summary>
public sealed record VehicleChoices(Vehicle? Selected, IReadOnlyList<Vehicle> Matches)
{
    public const int Size = 8;
    public static readonly VehicleChoices Empty = new(null, []);

    public IEnumerable<Vehicle> All => Selected is null ? Matches : Matches.Where(v => v.Id != Selected.Id).Prepend(Selected);
}

/// <summary>Loads <see cref="DealFormOptions"/> for the form's current input; shared by the pages and the fragment endpoints.</summary>
public static class DealFormData
{
    public static async Task<DealFormOptions> LoadAsync(DealFormModel model, ClaimsPrincipal user, InventoryService inventory,
        CustomerQueries customers, CancellationToken ct = default)
    {
        var vehicles = await VehiclesAsync(inventory, model.VehicleQuery, model.VehicleId, ct);
        if (vehicles.Selected is null && model.VehicleId != DealFormModel.NoVehicle && !string.IsNullOrWhiteSpace(model.VehicleId))
        {
            // Taken or sold since the link was made: say so, and leave nothing silently selected.
            model.VehicleId = null;
            model.Errors.Vehicle ??= "That vehicle is no longer available. Pick another one, or choose “No vehicle yet”.";
        }
        var matches = await CustomerMatchesAsync(customers, model.CustomerQuery, ct);
        var salespeople = user.IsInRole(DealDesk.Data.Accounts.Roles.Manager) ? await customers.SalespeopleAsync(ct) : null;
        model.SalespersonId ??= user.UserId()?.ToString();
        return new DealFormOptions(vehicles, matches, salespeople);
    }

    public static async Task<VehicleChoices> VehiclesAsync(InventoryService inventory, string? query, string? selectedId, CancellationToken ct)
    {
        var matches = await inventory.SearchAsync(new VehicleSearch(query, VehicleStatus.Available, 1, VehicleChoices.Size), ct);
        Vehicle? selected = null;
        if (Guid.TryParse(selectedId, out var id))
            selected = matches.Items.FirstOrDefault(v => v.Id == id) ?? await FindAvailableAsync(inventory, id, ct);
        return new VehicleChoices(selected, matches.Items);
    }

    public static async Task<IReadOnlyList<CustomerView>> CustomerMatchesAsync(CustomerQueries customers, string? query, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(query) ? [] : await customers.SearchAsync(query, 8, ct);

    /// <summary>The preselected vehicle, if it is (still) available.</summary>
    private static async Task<Vehicle?> FindAvailableAsync(InventoryService inventory, Guid id, CancellationToken ct) =>
        await inventory.FindAsync(id, ct) is { Status: VehicleStatus.Available } vehicle ? vehicle : null;
}
