using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using DealDesk.Data.Seeding;

namespace DealDesk.Bench;

/// <summary>
/// Deal creation through the JSON API over loopback TCP: POST /api/deals with a salesperson's bearer
/// token, against the real app hosted in this process (<see cref="BenchAppFactory"/>). Worker i acts for
/// dealership i mod N as its sales1 account, like the service level.
/// </summary>
public sealed class HttpLoad(BenchDatabase database, IReadOnlyList<BenchTenant> tenants, LoadRunner runner, string appLogPath)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<IReadOnlyList<LevelResult>> RunAsync(string level, IReadOnlyList<int> clientCounts, Action<string> log, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(appLogPath)!);
        File.Delete(appLogPath);
        try
        {
            return await RunAppAsync(level, clientCounts, log, ct);
        }
        finally
        {
            // Kept only when the app had something to say.
            if (File.Exists(appLogPath) && new FileInfo(appLogPath).Length == 0) File.Delete(appLogPath);
        }
    }

    async Task<IReadOnlyList<LevelResult>> RunAppAsync(string level, IReadOnlyList<int> clientCounts, Action<string> log, CancellationToken ct)
    {
        await using var app = new BenchAppFactory(database, appLogPath);
        var baseAddress = app.Start();
        log($"App listening on {baseAddress}");

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, clientCounts.Max()),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
        };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var tokens = new Dictionary<BenchTenant, AuthenticationHeaderValue>();
        foreach (var tenant in tenants.Take(clientCounts.Max())) // worker i acts for tenant i mod N: the rest have no worker
            tokens[tenant] = new AuthenticationHeaderValue("Bearer", await BearerTokenAsync(http, tenant.SalesEmail, ct));

        var results = new List<LevelResult>();
        foreach (var clients in clientCounts)
        {
            log($"{level} level, {clients} client(s) over {Math.Min(clients, tenants.Count)} dealership(s)");
            results.Add(await runner.RunAsync(level, clients, async (worker, sequence, token) =>
            {
                var tenant = tenants[worker % tenants.Count];
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/deals")
                {
                    Content = JsonContent.Create(DealRequests.NewCustomer(tenant.TakeVehicle(), $"H{clients}-{worker}-{sequence}"), options: Json),
                };
                request.Headers.Authorization = tokens[tenant];
                using var response = await http.SendAsync(request, token);
                var body = await response.Content.ReadAsByteArrayAsync(token);
                return response.StatusCode == HttpStatusCode.Created ? null : ErrorCode(response.StatusCode, body);
            }, ct));
        }

        var problems = app.LoggedProblems();
        if (problems > 0) log($"The app logged {problems} warning(s)/error(s); see {appLogPath}");
        return results;
    }

    internal static async Task<string> BearerTokenAsync(HttpClient http, string email, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("account/login?useCookies=false", new { email, password = DemoData.Password }, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Token request for {email} failed: HTTP {(int)response.StatusCode}.");
        var body = await response.Content.ReadFromJsonAsync<TokenBody>(ct);
        return body?.AccessToken ?? throw new InvalidOperationException($"The token response for {email} had no accessToken.");
    }

    /// <summary>The API's errorCode when the body has one, else the HTTP status.</summary>
    internal static string ErrorCode(HttpStatusCode status, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("errorCode", out var code) && code.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
            // not JSON: the status says enough
        }
        return $"HTTP {(int)status}";
    }

    sealed record TokenBody(string? AccessToken);
}
