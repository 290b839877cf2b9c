namespace DealDesk.Bench;

/// <summary>Latency percentiles (nearest rank) in milliseconds over one measured window.</summary>
public sealed record LatencyStats(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static readonly LatencyStats Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static LatencyStats From(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        if (sorted.Length == 0) return Empty;
        Array.Sort(sorted);
        return new LatencyStats(sorted.Length, sorted.Average(),
            Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of an ascending array: the smallest value with at least p % of the values at or below it.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
