using System.Data;

namespace DealDesk.Data.Transactions;

/// <summary>How one unit of work runs. Defaults: READ COMMITTED, 10 s, 3 retries.</summary>
public sealed record TransactionSettings
{
    public IsolationLevel IsolationLevel { get; init; } = IsolationLevel.ReadCommitted;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public int MaxRetries { get; init; } = RetryBackoff.MaxRetries;
    /// <summary>
    /// When set, units with the same key run one at a time: a session advisory lock is taken before
    /// BEGIN, so the unit's first snapshot starts after the previous holder committed. (Under REPEATABLE
    /// READ or SERIALIZABLE a row lock taken inside the transaction comes too late for that: the snapshot
    /// already exists, and PostgreSQL answers "could not serialize access due to concurrent update" (40001)
    /// instead of waiting.)
    /// </summary>
    public SerializationKey? SerializeOn { get; init; }

    public static readonly TransactionSettings Default = new();
    public static readonly TransactionSettings Serializable = new() { IsolationLevel = IsolationLevel.Serializable };
}

/// <summary>An advisory-lock key: a feature's class id and a name (hashed by PostgreSQL's hashtext).</summary>
public sealed record SerializationKey(int ClassId, string Name);
