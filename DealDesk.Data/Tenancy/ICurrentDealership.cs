namespace DealDesk.Data.Tenancy;

/// <summary>The signed-in user's dealership as the UI sees it (implemented by <see cref="CurrentDealership"/>).</summary>
public interface ICurrentDealership
{
    Task<Dealership?> GetAsync(CancellationToken ct = default);

    /// <summary>The dealership's country as a phone region ("US", "GB"): how numbers typed without "+" are read and shown.</summary>
    async Task<string> PhoneRegionAsync(CancellationToken ct = default) => Customers.Phones.RegionOrDefault((await GetAsync(ct))?.Country);
}
