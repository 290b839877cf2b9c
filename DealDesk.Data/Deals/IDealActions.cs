namespace DealDesk.Data.Deals;

/// <summary>The changes the deal page makes to an existing deal (see <see cref="DealActions"/>).</summary>
public interface IDealActions
{
    Task<DealResult> AttachVehicleAsync(Guid dealId, AttachVehicleRequest request, CancellationToken ct = default);
    Task<DealResult> ChangeCustomerAsync(Guid dealId, ChangeCustomerRequest request, CancellationToken ct = default);
    Task<DealResult> CancelAsync(Guid dealId, CancellationToken ct = default);
    Task<DealResult> DeliverAsync(Guid dealId, CancellationToken ct = default);
}
