using DealDesk.Data.Deals;

namespace DealDesk.Tests.Deals.Support;

/// <summary>
/// The deal page's writes, faked at the service boundary: each call is recorded, then <see cref="Answer"/> decides
/// (the default changes nothing and returns the deal as the queries fake has it; a test may throw a typed error).
/// </summary>
public sealed class FakeDealActions(FakeDealQueries queries) : IDealActions
{
    public List<(string Action, Guid DealId, object? Request)> Calls { get; } = [];

    /// <summary>Runs for every call, after it is recorded: throw to fail it, or change <see cref="FakeDealQueries.Details"/>.</summary>
    public Action<string, object?> Answer { get; set; } = (_, _) => { };

    public Task<DealResult> AttachVehicleAsync(Guid dealId, AttachVehicleRequest request, CancellationToken ct = default) => Run("vehicle", dealId, request);
    public Task<DealResult> ChangeCustomerAsync(Guid dealId, ChangeCustomerRequest request, CancellationToken ct = default) => Run("customer", dealId, request);
    public Task<DealResult> CancelAsync(Guid dealId, CancellationToken ct = default) => Run("cancel", dealId, null);
    public Task<DealResult> DeliverAsync(Guid dealId, CancellationToken ct = default) => Run("deliver", dealId, null);

    private Task<DealResult> Run(string action, Guid dealId, object? request)
    {
        Calls.Add((action, dealId, request));
        try
        {
            Answer(action, request);
        }
        catch (Exception ex)
        {
            return Task.FromException<DealResult>(ex);
        }
        var d = queries.Details!;
        return Task.FromResult(new DealResult(d.Deal, d.Scenarios[0], d.Customer, d.Vehicle));
    }
}
