using System.Text.Json;
using Microsoft.Playwright;

namespace DealDesk.E2E.Flows;

/// <summary>An available vehicle as the JSON API lists it.</summary>
public sealed record ApiVehicle(string Id, string StockNumber, string Title);

/// <summary>A deal as the JSON API created it.</summary>
public sealed record ApiDeal(string Id, string DealNumber, string CustomerName);

/// <summary>
/// Sets up what a flow starts from through the JSON API, with the signed-in page's own cookie: the flows
/// then test the pages, not the set-up. Customer names carry a random tag no other test uses.
/// </summary>
internal static class DealSetup
{
    /// <summary>A random lowercase tag, e.g. "qhxtbk".</summary>
    public static string Tag() => string.Concat(Guid.NewGuid().ToByteArray().Take(6).Select(b => (char)('a' + b % 26)));

    /// <summary>The first <paramref name="count"/> available vehicles (tests run one after another, so they stay available until taken).</summary>
    public static async Task<ApiVehicle[]> AvailableVehiclesAsync(IPage page, int count)
    {
        var data = await GetAsync(page, "/api/vehicles?status=available");
        var vehicles = data.GetProperty("items").EnumerateArray()
            .Select(v => new ApiVehicle(v.GetProperty("id").GetString()!, v.GetProperty("stockNumber").GetString()!,
                $"{v.GetProperty("year").GetInt32()} {v.GetProperty("make").GetString()} {v.GetProperty("model").GetString()}"
                + (v.GetProperty("trim").GetString() is { } trim ? " " + trim : "")))
            .Take(count).ToArray();
        Assert.True(vehicles.Length == count, $"Expected {count} available vehicles, found {vehicles.Length}.");
        return vehicles;
    }

    /// <summary>POST /api/deals for a new customer, with or without a vehicle; the signed-in user is the salesperson.</summary>
    public static async Task<ApiDeal> CreateDealAsync(IPage page, string firstName, string lastName, ApiVehicle? vehicle = null,
        string phone = "(555) 410-2233")
    {
        var response = await page.APIRequest.PostAsync("/api/deals", new()
        {
            DataObject = new
            {
                customerData = new { firstName, lastName, email = $"{firstName}.{lastName}@example.com".ToLowerInvariant(), phone },
                vehicleId = vehicle?.Id,
            },
        });
        var body = await response.TextAsync();
        Assert.True(response.Status == 201, $"POST /api/deals answered {response.Status}: {body}");
        var deal = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("deal");
        return new ApiDeal(deal.GetProperty("id").GetString()!, deal.GetProperty("dealNumber").GetString()!, $"{firstName} {lastName}");
    }

    /// <summary>POST /api/deals/{id}/cancel as the page's user (a colleague at another desk).</summary>
    public static async Task CancelDealAsync(IPage page, string dealId)
    {
        var response = await page.APIRequest.PostAsync($"/api/deals/{dealId}/cancel");
        Assert.True(response.Ok, $"POST /api/deals/{dealId}/cancel answered {response.Status}: {await response.TextAsync()}");
    }

    /// <summary>The vehicle's status as the JSON API reports it now.</summary>
    public static async Task<string> VehicleStatusAsync(IPage page, ApiVehicle vehicle)
    {
        var items = (await GetAsync(page, $"/api/vehicles?q={Uri.EscapeDataString(vehicle.StockNumber)}")).GetProperty("items");
        return items.EnumerateArray().Single(v => v.GetProperty("id").GetString() == vehicle.Id).GetProperty("status").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(path);
        Assert.True(response.Ok, $"GET {path} answered {response.Status}");
        return (await response.JsonAsync())!.Value.GetProperty("data");
    }
}
