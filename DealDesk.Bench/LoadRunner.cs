using System.Diagnostics;
using DealDesk.Data.Errors;
using Npgsql;

namespace DealDesk.Bench;

/// <summary>One call of a worker: null on success, else an error code for the table's error breakdown.</summary>
public delegate Task<string?> BenchCall(int worker, long sequence, CancellationToken ct);

/// <summary>
/// Runs C workers in a closed loop (each starts its next call when the previous one returns): a warm-up
/// that is not counted, then a measured window. A call counts when it starts inside the window;
/// calls still running at the end are awaited and counted. Latency percentiles are over successful calls.
/// </summary>
public sealed class LoadRunner(TimeSpan warmup, TimeSpan duration, RetryCounter retries)
{
    public async Task<LevelResult> RunAsync(string level, int clients, BenchCall call, CancellationToken ct)
    {
        var logs = Enumerable.Range(0, clients).Select(_ => new WorkerLog()).ToArray();
        var window = new Window();
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(() => WorkAsync(w, logs[w], window, call, ct), CancellationToken.None)).ToArray();
        var allDone = Task.WhenAll(workers);

        await Task.WhenAny(Task.Delay(warmup, ct), allDone);
        var retriesBefore = retries.Snapshot();
        window.Open(Stopwatch.GetTimestamp());
        await Task.WhenAny(Task.Delay(duration, ct), allDone);
        window.Close(Stopwatch.GetTimestamp());
        await allDone;
        ct.ThrowIfCancellationRequested();
        var retried = RetryCounter.Between(retriesBefore, retries.Snapshot());

        var ok = logs.Sum(l => l.Latencies.Count);
        var errors = logs.SelectMany(l => l.Errors).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var errorCount = errors.Values.Sum();
        var end = Math.Max(window.End, logs.Max(l => l.LastEnd));
        var seconds = Stopwatch.GetElapsedTime(window.Start, end).TotalSeconds;
        var completed = ok + errorCount;
        var note = logs.Any(l => l.Exhausted) ? "vehicle stock ran out during the window (raise --vehicles)" : null;
        return new LevelResult(level, clients, seconds > 0 ? ok / seconds : 0,
            LatencyStats.From(logs.SelectMany(l => l.Latencies)), errorCount,
            completed > 0 ? 100.0 * retried.Values.Sum() / completed : 0, errors, retried, note);
    }

    static async Task WorkAsync(int worker, WorkerLog log, Window window, BenchCall call, CancellationToken ct)
    {
        for (long sequence = 0; !window.Closed && !ct.IsCancellationRequested; sequence++)
        {
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                error = await call(worker, sequence, ct);
            }
            catch (StockExhaustedException)
            {
                log.Exhausted = true;
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                error = CodeOf(ex);
            }
            var ended = Stopwatch.GetTimestamp();
            if (!window.Contains(started)) continue;
            if (error is null) log.Latencies.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
            else log.Errors[error] = log.Errors.GetValueOrDefault(error) + 1;
            log.LastEnd = ended;
        }
    }

    /// <summary>The taxonomy's code when there is one, else the SQLSTATE, else the exception type.</summary>
    public static string CodeOf(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is DealDeskException typed) return typed.Error.Code;
            if (e is PostgresException pg) return $"SQLSTATE {pg.SqlState}";
        }
        return ex.GetType().Name;
    }

    sealed class WorkerLog
    {
        public List<double> Latencies { get; } = new(capacity: 16_384);
        public Dictionary<string, long> Errors { get; } = [];
        public long LastEnd { get; set; }
        public bool Exhausted { get; set; }
    }

    /// <summary>The measured window, in Stopwatch timestamps; read by every worker.</summary>
    sealed class Window
    {
        long _start, _end = long.MaxValue;

        public long Start => Volatile.Read(ref _start);
        public long End => Volatile.Read(ref _end);
        public bool Closed => End != long.MaxValue;

        public void Open(long at) => Volatile.Write(ref _start, at);
        public void Close(long at) => Volatile.Write(ref _end, at);

        public bool Contains(long timestamp)
        {
            var start = Start;
            return start != 0 && timestamp >= start && timestamp < End;
        }
    }
}
