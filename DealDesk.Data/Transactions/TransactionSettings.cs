using System.Data;

namespace DealDesk.Data.Transactions;

/// <summary>How one unit of work runs. Defaults: READ COMMITTED, 10 s, 3 retries.</summary>
public sealed record TransactionSettings
{
    public IsolationLevel IsolationLevel { get; init; } = IsolationLevel.ReadCommitted;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public int MaxRetries { get; init; } = RetryBackoff.MaxRetries;

    public static readonly TransactionSettings Default = new();
    public static readonly TransactionSettings Serializable = new() { IsolationLevel = IsolationLevel.Serializable };
}
