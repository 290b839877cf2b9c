namespace DealDesk.Bench;

/// <summary>One row of the table: a level at a client count.</summary>
/// <param name="RetriesPercent">Retries per completed creation, in %; null when not observable (pgbench).</param>
public sealed record LevelResult(
    string Level,
    int Clients,
    double OpsPerSecond,
    LatencyStats Latency,
    long Errors,
    double? RetriesPercent,
    IReadOnlyDictionary<string, long> ErrorsByCode,
    IReadOnlyDictionary<string, long> RetriesByCause,
    string? Note = null);
