using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DealDesk.Data.Seeding;
using Npgsql;

namespace DealDesk.Bench;

/// <summary>
/// Quote saves through the JSON API (PATCH /api/quotes/{id} with the version), against the real app hosted in this
/// process with its save rate limit raised. Each level starts fresh quotes (one per <c>editorsPerQuote</c> clients, on
/// blank deals of both demo dealerships). Every client is an editor in a closed loop: it saves a new down payment with
/// the version its last save (or read) returned; on QUOTE_CONFLICT_VERSION it re-reads (GET) before its next save.
/// Between saves it thinks for a random time averaging <c>thinkTime</c> (exponential; none by default: a closed loop).
/// Latency is the PATCH alone. At the end every quote is checked in the database: its version is 1 + the saves the
/// API acknowledged, its history has one row per version, and its content is the last acknowledged save; anything
/// else counts as a lost update.
/// </summary>
public sealed class QuoteLoad(BenchDatabase database, IReadOnlyList<BenchTenant> tenants, TimeSpan warmup, TimeSpan duration, int editorsPerQuote,
    TimeSpan thinkTime, string appLogPath)
{
    public async Task<IReadOnlyList<QuoteLevelResult>> RunAsync(IReadOnlyList<int> clientCounts, Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(appLogPath)!);
        File.Delete(appLogPath);
        try
        {
            return await RunAppAsync(clientCounts, log, ct);
        }
        finally
        {
            // Kept only when the app had something to say.
            if (File.Exists(appLogPath) && new FileInfo(appLogPath).Length == 0) File.Delete(appLogPath);
        }
    }

    async Task<IReadOnlyList<QuoteLevelResult>> RunAppAsync(IReadOnlyList<int> clientCounts, Action<string> log, CancellationToken ct)
    {
        await using var app = new BenchAppFactory(database, appLogPath);
        var baseAddress = app.Start();
        log($"App listening on {baseAddress} (quote save limit raised)");
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, clientCounts.Max()), PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false, AllowAutoRedirect = false, UseProxy = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var tokens = new Dictionary<BenchTenant, AuthenticationHeaderValue>();
        foreach (var tenant in tenants)
            tokens[tenant] = new AuthenticationHeaderValue("Bearer", await BearerTokenAsync(http, tenant.SalesEmail, ct));

        var results = new List<QuoteLevelResult>();
        foreach (var clients in clientCounts)
        {
            var quoteCount = Math.Max(1, (clients + editorsPerQuote - 1) / editorsPerQuote);
            log($"quotes level, {clients} client(s) on {quoteCount} quote(s)");
            var quotes = new List<(Guid Id, BenchTenant Tenant)>();
            for (var q = 0; q < quoteCount; q++)
            {
                var tenant = tenants[q % tenants.Count];
                quotes.Add((await NewQuoteAsync(http, tokens[tenant], q, ct), tenant));
            }
            var level = await RunLevelAsync(http, tokens, quotes, clients, ct);
            var lost = await CountLostUpdatesAsync(quotes.Select(q => q.Id).ToList(), level.Acknowledged, ct);
            results.Add(new QuoteLevelResult(clients, quoteCount, level.SavesPerSecond, level.Latency, level.Conflicts, level.Errors, lost,
                level.Acknowledged.Count));
            log($"  {level.SavesPerSecond:0.0} saves/s, p95 {level.Latency.P95:0.0} ms, {level.Conflicts} conflicts, lost updates {lost}");
        }
        var problems = app.LoggedProblems();
        if (problems > 0) log($"The app logged {problems} warning(s)/error(s); see {appLogPath}");
        return results;
    }

    sealed record LevelRun(double SavesPerSecond, LatencyStats Latency, long Conflicts, IReadOnlyDictionary<string, long> Errors,
        IReadOnlyList<(Guid Quote, long Version, decimal Down)> Acknowledged);

    async Task<LevelRun> RunLevelAsync(HttpClient http, Dictionary<BenchTenant, AuthenticationHeaderValue> tokens,
        List<(Guid Id, BenchTenant Tenant)> quotes, int clients, CancellationToken ct)
    {
        var acknowledged = new ConcurrentQueue<(Guid, long, decimal)>();
        var errors = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentQueue<double>();
        long conflicts = 0, sequence = 0, windowStart = 0, windowEnd = long.MaxValue, lastEnd = 0;
        bool InWindow(long t) => Volatile.Read(ref windowStart) != 0 && t >= Volatile.Read(ref windowStart) && t < Volatile.Read(ref windowEnd);

        using var closed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        async Task<bool> ThinkAsync(TimeSpan pause)
        {
            if (pause <= TimeSpan.Zero) return true;
            try
            {
                await Task.Delay(pause, closed.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        async Task EditorAsync(int worker)
        {
            var (id, tenant) = quotes[worker % quotes.Count];
            long? version = 1;
            // Editors do not start in step; a pause is cut short when the window closes.
            if (!await ThinkAsync(thinkTime * Random.Shared.NextDouble())) return;
            while (Volatile.Read(ref windowEnd) == long.MaxValue && !ct.IsCancellationRequested)
            {
                try
                {
                    if (!await ThinkAsync(thinkTime * -Math.Log(1 - Random.Shared.NextDouble()))) return;
                    version ??= await ReadVersionAsync(http, tokens[tenant], id, ct);
                    // A down payment no other save sends: the database's final value names the save it came from.
                    var down = 1_000m + Interlocked.Increment(ref sequence) / 100m;
                    using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/quotes/{id}")
                    {
                        Content = JsonContent.Create(new { version, downPayment = down }),
                    };
                    request.Headers.Authorization = tokens[tenant];
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request, ct);
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    var ended = Stopwatch.GetTimestamp();
                    var counted = InWindow(started);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        using var doc = JsonDocument.Parse(body);
                        version = doc.RootElement.GetProperty("version").GetInt64();
                        acknowledged.Enqueue((id, version.Value, down)); // warm-up saves too: the check is on the whole run
                        if (counted) latencies.Enqueue(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
                    }
                    else
                    {
                        var code = ErrorCode(response.StatusCode, body);
                        version = null; // re-read before the next save
                        if (counted && code == "QUOTE_CONFLICT_VERSION") Interlocked.Increment(ref conflicts);
                        else if (counted) errors.AddOrUpdate(code, 1, (_, n) => n + 1);
                    }
                    if (counted) InterlockedMax(ref lastEnd, ended);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
                {
                    errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                    version = null;
                }
            }
        }

        var editors = Enumerable.Range(0, clients).Select(w => Task.Run(() => EditorAsync(w), CancellationToken.None)).ToArray();
        var all = Task.WhenAll(editors);
        await Task.WhenAny(Task.Delay(warmup, ct), all);
        Volatile.Write(ref windowStart, Stopwatch.GetTimestamp());
        await Task.WhenAny(Task.Delay(duration, ct), all);
        var closedAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref windowEnd, closedAt);
        await closed.CancelAsync();
        await all;
        ct.ThrowIfCancellationRequested();
        var seconds = Stopwatch.GetElapsedTime(windowStart, Math.Max(closedAt, Volatile.Read(ref lastEnd))).TotalSeconds;
        var stats = LatencyStats.From(latencies);
        return new LevelRun(seconds > 0 ? stats.Count / seconds : 0, stats, conflicts, new Dictionary<string, long>(errors), [.. acknowledged]);
    }

    /// <summary>
    /// Per quote, from the database: acknowledged saves that are not there. A quote's versions 2..n must each be one
    /// acknowledged save (n − 1 of them, none twice), its history n rows, its down payment the last save's.
    /// </summary>
    async Task<long> CountLostUpdatesAsync(IReadOnlyList<Guid> quotes, IReadOnlyList<(Guid Quote, long Version, decimal Down)> acknowledged, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(
            database.SuperuserConnectionStringFor(database.DatabaseName)) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        var byQuote = acknowledged.ToLookup(a => a.Quote);
        long lost = 0;
        foreach (var id in quotes)
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT s.version, s.down_payment, (SELECT count(*) FROM quote_history h WHERE h.quote_id = s.id) FROM pricing_scenarios s WHERE s.id = $1", c)
            {
                Parameters = { new() { Value = id } },
            };
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            var (version, down, history) = (r.GetInt64(0), r.GetDecimal(1), r.GetInt64(2));
            var saves = byQuote[id].OrderBy(a => a.Version).ToList();
            var distinct = saves.Select(s => s.Version).Distinct().Count();
            lost += Math.Abs(saves.Count - (version - 1)) + (saves.Count - distinct) + Math.Abs(history - version);
            if (saves.Count > 0 && saves[^1].Down != down) lost++;
        }
        return lost;
    }

    static async Task<Guid> NewQuoteAsync(HttpClient http, AuthenticationHeaderValue token, int n, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/deals")
        {
            Content = JsonContent.Create(new { customerData = new { firstName = "Bench", lastName = $"Quote {n}" }, scenario = new { price = 30_000 } }),
        };
        request.Headers.Authorization = token;
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Creating a deal failed: HTTP {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").GetProperty("deal").GetProperty("activeScenarioId").GetGuid();
    }

    static async Task<long> ReadVersionAsync(HttpClient http, AuthenticationHeaderValue token, Guid id, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/quotes/{id}");
        request.Headers.Authorization = token;
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
        return doc.RootElement.GetProperty("data").GetProperty("version").GetInt64();
    }

    static async Task<string> BearerTokenAsync(HttpClient http, string email, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("account/login?useCookies=false", new { email, password = DemoData.Password }, ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
        return doc.RootElement.GetProperty("accessToken").GetString()!;
    }

    static string ErrorCode(HttpStatusCode status, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("errorCode", out var code) && code.GetString() is { Length: > 0 } text) return text;
        }
        catch (JsonException)
        {
            // not JSON: the status says enough
        }
        return "HTTP " + ((int)status).ToString(CultureInfo.InvariantCulture);
    }

    static void InterlockedMax(ref long target, long value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
    }
}

/// <summary>One row of the quote table: saves at a client count, their latency, conflicts, other errors and the lost-update check.</summary>
public sealed record QuoteLevelResult(int Clients, int Quotes, double SavesPerSecond, LatencyStats Latency, long Conflicts,
    IReadOnlyDictionary<string, long> Errors, long LostUpdates, int AcknowledgedSaves);
