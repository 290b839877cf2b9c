namespace DealDesk.Data.Deals;

/// <summary>Deal creation as the deal dialog sees it (implemented by <see cref="DealService"/>; faked in component tests).</summary>
public interface IDealCreation
{
    Task<DealResult> CreateAsync(CreateDealRequest request, string? idempotencyKey = null, CancellationToken ct = default);
}
