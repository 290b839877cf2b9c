namespace DealDesk.Data.Monitoring;

/// <summary>
/// Cumulative latencies in exponential buckets, 8 per doubling from 0.01 ms to ~5 minutes. Percentiles of any
/// window come from adding up interval counts, which averaging per-interval percentiles cannot give. A
/// percentile is reported as its bucket's upper bound: at most 9 % high, never low.
/// </summary>
public sealed class LatencyHistogram
{
    public const int Buckets = 200;
    private const double MinMs = 0.01;
    private const double StepsPerDoubling = 8;
    private readonly long[] _counts = new long[Buckets];

    public void Record(double milliseconds) => Interlocked.Increment(ref _counts[IndexOf(milliseconds)]);

    public long[] Read()
    {
        var copy = new long[Buckets];
        for (var i = 0; i < Buckets; i++) copy[i] = Interlocked.Read(ref _counts[i]);
        return copy;
    }

    internal static int IndexOf(double ms) =>
        double.IsNaN(ms) || ms <= MinMs ? 0 : (int)Math.Min(Buckets - 1, Math.Ceiling(Math.Log2(ms / MinMs) * StepsPerDoubling));

    internal static double UpperBound(int index) => MinMs * Math.Pow(2, index / StepsPerDoubling);
}

/// <summary>The latencies of one interval or window (sparse: most buckets are empty).</summary>
public sealed class LatencyDistribution
{
    public static readonly LatencyDistribution Empty = new([], []);

    private readonly int[] _indexes;
    private readonly long[] _counts;

    private LatencyDistribution(int[] indexes, long[] counts)
    {
        _indexes = indexes;
        _counts = counts;
        Count = counts.Sum();
    }

    public long Count { get; }

    /// <summary>What was recorded between two reads of a <see cref="LatencyHistogram"/>.</summary>
    public static LatencyDistribution Between(long[]? before, long[] after)
    {
        var indexes = new List<int>();
        var counts = new List<long>();
        for (var i = 0; i < after.Length; i++)
        {
            var n = after[i] - (before?[i] ?? 0);
            if (n <= 0) continue;
            indexes.Add(i);
            counts.Add(n);
        }
        return indexes.Count == 0 ? Empty : new LatencyDistribution([.. indexes], [.. counts]);
    }

    public static LatencyDistribution Merge(IEnumerable<LatencyDistribution> parts)
    {
        var dense = new long[LatencyHistogram.Buckets];
        var any = false;
        foreach (var p in parts)
            for (var i = 0; i < p._indexes.Length; i++)
            {
                dense[p._indexes[i]] += p._counts[i];
                any = true;
            }
        return any ? Between(null, dense) : Empty;
    }

    /// <summary>The <paramref name="quantile"/> (0.95 for p95) in milliseconds; null when nothing was recorded.</summary>
    public double? Percentile(double quantile)
    {
        if (Count == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long seen = 0;
        for (var i = 0; i < _indexes.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return LatencyHistogram.UpperBound(_indexes[i]);
        }
        return LatencyHistogram.UpperBound(_indexes[^1]);
    }
}
