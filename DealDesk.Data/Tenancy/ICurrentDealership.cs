namespace DealDesk.Data.Tenancy;

/// <summary>The signed-in user's dealership as the UI sees it (implemented by <see cref="CurrentDealership"/>).</summary>
public interface ICurrentDealership
{
    Task<Dealership?> GetAsync(CancellationToken ct = default);
}
