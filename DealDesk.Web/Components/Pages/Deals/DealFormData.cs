using System.Security.Claims;
using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Web.Accounts;
using DealDesk.Web.Components.Shared;

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

/// <summary>A form with a vehicle picker: a chosen vehicle id (or the no-vehicle choice) and the picker's search.</summary>
public interface IVehicleChoice
{
    string? VehicleId { get; set; }
    string? VehicleQuery { get; }
    FormErrors Errors { get; }
}

/// <summary>Loads <see cref="DealFormOptions"/> for the form's current input; shared by the pages and the fragment endpoints.</summary>
public static class DealFormData
{
    public static async Task<DealFormOptions> LoadAsync(DealFormModel model, ClaimsPrincipal user, InventoryService inventory,
        CustomerQueries customers, CancellationToken ct = default)
    {
        var vehicles = await VehiclesForAsync(model, inventory,
            "That vehicle is no longer available. Pick another one, or choose “No vehicle yet”.", ct);
        var matches = await CustomerMatchesAsync(customers, model.CustomerQuery, ct);
        var salespeople = user.IsInRole(DealDesk.Data.Accounts.Roles.Manager) ? await customers.SalespeopleAsync(ct) : null;
        model.SalespersonId ??= user.UserId()?.ToString();
        return new DealFormOptions(vehicles, matches, salespeople);
    }

    /// <summary>
    /// The picker's vehicles for the form's search. A chosen vehicle that is no longer available (taken or
    /// sold since the form was shown) is unselected, never silently kept, and, given a message, reported at the picker.
    /// </summary>
    public static async Task<VehicleChoices> VehiclesForAsync(IVehicleChoice form, InventoryService inventory, string? goneMessage, CancellationToken ct)
    {
        var vehicles = await VehiclesAsync(inventory, form.VehicleQuery, form.VehicleId, ct);
        if (vehicles.Selected is null && !string.IsNullOrWhiteSpace(form.VehicleId) && form.VehicleId != DealFormModel.NoVehicle)
        {
            form.VehicleId = null;
            if (goneMessage is not null) form.Errors.Vehicle ??= goneMessage;
        }
        return vehicles;
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
