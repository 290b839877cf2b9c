using System.Collections.Concurrent;

namespace DealDesk.Bench;

/// <summary>
/// One demo dealership as the benchmark drives it: its salesperson (sales1) and the stock of
/// available vehicles that creations take from, one distinct vehicle per creation.
/// </summary>
public sealed class BenchTenant(string name, Guid dealershipId, string salesEmail, Guid salesUserId)
{
    public string Name { get; } = name;
    public Guid DealershipId { get; } = dealershipId;
    public string SalesEmail { get; } = salesEmail;
    public Guid SalesUserId { get; } = salesUserId;

    /// <summary>Ids of the bulk-inserted available vehicles not yet handed to a creation; shared by all workers of this dealership.</summary>
    public ConcurrentQueue<Guid> Vehicles { get; } = new();

    /// <summary>The next unused vehicle; throws <see cref="StockExhaustedException"/> once the stock is used up.</summary>
    public Guid TakeVehicle() =>
        Vehicles.TryDequeue(out var id) ? id : throw new StockExhaustedException(Name);
}

/// <summary>The run needed more vehicles than were inserted (raise --vehicles).</summary>
public sealed class StockExhaustedException(string dealership)
    : Exception($"{dealership} ran out of benchmark vehicles; run again with a larger --vehicles.");
