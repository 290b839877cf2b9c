using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>The monitoring dashboard as a desk manager uses it: live numbers, managers only, one sampler however many are open.</summary>
public sealed class MonitoringFlows(E2EFixture fixture, ITestOutputHelper log) : E2ETest(fixture, log)
{
    readonly ITestOutputHelper _log = log;

    const string Manager = "manager@northside.test";
    const string Seller = "sales1@northside.test";
    static readonly LocatorAssertionsToHaveTextOptions Tick = new() { Timeout = 30_000 }; // the sampler ticks every 5 s

    [Fact]
    public Task A_manager_sees_a_deal_created_elsewhere_in_the_counts_and_the_chart_without_reloading() => RunAsync(async page =>
    {
        await SignInAsAsync(page, Manager);
        await GoToAsync(page, "/monitoring");
        await Expect(page.GetByTestId("db-health")).ToContainTextAsync("reachable");
        await Expect(page.GetByTestId("live-state")).ToContainTextAsync("Live");
        var total = page.GetByTestId("operation-deals.create-total");
        var before = await total.CountAsync() == 0 ? 0 : int.Parse(await total.InnerTextAsync());
        var charts = page.GetByTestId("trend-charts");
        var commitsBefore = await charts.GetAttributeAsync("data-commits");

        // Another person, another client: a salesperson creates a deal through the JSON API.
        using var seller = await ApiClientAsync(Seller);
        var customers = await seller.GetFromJsonAsync<JsonElement>("/api/customers?q=");
        var customerId = customers.GetProperty("data")[0].GetProperty("id").GetString();
        var created = await seller.PostAsJsonAsync("/api/deals", new { customerId });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        await Expect(total).ToHaveTextAsync((before + 1).ToString(), Tick);
        await Expect(charts).Not.ToHaveAttributeAsync("data-commits", commitsBefore ?? "", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("latency-deals.create")).ToContainTextAsync(new Regex(@"\d+(\.\d+)? (ms|s)"));
        Assert.True(IsPath(page.Url, "/monitoring"), "no reload or navigation happened");
    });

    [Fact]
    public Task A_salesperson_is_refused_the_dashboard_and_its_data() => RunAsync(async page =>
    {
        await SignInAsAsync(page, Seller);
        await Expect(page.GetByTestId("nav-monitoring")).ToHaveCountAsync(0);

        await page.GotoAsync("/monitoring");

        await Expect(page).ToHaveURLAsync(new Regex("/forbidden"));
        await Expect(page.GetByTestId("monitoring-tiles")).ToHaveCountAsync(0);
        using var api = await ApiClientAsync(Seller);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await api.GetAsync("/api/db/metrics")).StatusCode);
    });

    [Fact]
    public Task A_hidden_dashboard_tab_stops_asking_the_sampler_and_resumes_when_shown() => RunAsync(async page =>
    {
        await SignInAsAsync(page, Manager);
        await GoToAsync(page, "/monitoring");
        await Expect(page.GetByTestId("live-state")).ToContainTextAsync("Live");
        using var api = await ApiClientAsync(Manager);
        var open = await DashboardsAsync(api);

        await SetVisibilityAsync(page, "hidden");
        await Expect(page.GetByTestId("live-state")).ToContainTextAsync("Paused");
        Assert.Equal(open - 1, await DashboardsAsync(api));

        await SetVisibilityAsync(page, "visible");
        await Expect(page.GetByTestId("live-state")).ToContainTextAsync("Live");
        Assert.Equal(open, await DashboardsAsync(api));
    });

    /// <summary>
    /// What monitoring costs PostgreSQL: the statements the sampler sends per second and their mean time, with one
    /// dashboard open and with twenty (counted by the sampler itself over six ticks each). They must be the same.
    /// </summary>
    [Fact]
    public Task Twenty_open_dashboards_cost_the_database_what_one_does() => RunAsync(async page =>
    {
        await SignInAsAsync(page, Manager);
        await GoToAsync(page, "/monitoring");
        await Expect(page.GetByTestId("live-state")).ToContainTextAsync("Live");
        using var api = await ApiClientAsync(Manager);
        var one = await MeasureAsync(api, page, expectedDashboards: 1);

        var others = new List<IPage>();
        for (var i = 0; i < 19; i++)
        {
            var other = await page.Context.NewPageAsync();
            await other.GotoAsync("/monitoring");
            // Twenty circuits starting on a small shared machine: more time than one page needs.
            await Expect(other.GetByTestId("live-state")).ToContainTextAsync("Live", new() { Timeout = 60_000 });
            others.Add(other);
        }
        var twenty = await MeasureAsync(api, page, expectedDashboards: 20);
        foreach (var other in others) await other.CloseAsync();

        _log.WriteLine($"1 dashboard:   {one.PerSecond:0.000} statements/s, mean {one.MeanMs:0.00} ms ({one.Queries} in {one.Seconds:0.0} s)");
        _log.WriteLine($"20 dashboards: {twenty.PerSecond:0.000} statements/s, mean {twenty.MeanMs:0.00} ms ({twenty.Queries} in {twenty.Seconds:0.0} s)");
        Assert.True(one.Queries > 0, "an open dashboard makes the sampler ask PostgreSQL");
        // Same work per tick; the 30 s details pass may fall once more into one of the two windows.
        Assert.True(twenty.PerSecond <= one.PerSecond * 1.5 + 0.1, $"20 dashboards: {twenty.PerSecond:0.000}/s vs 1: {one.PerSecond:0.000}/s");
    });

    sealed record Cost(long Queries, double Seconds, double PerSecond, double MeanMs);

    async Task<Cost> MeasureAsync(HttpClient api, IPage page, int expectedDashboards)
    {
        var start = await MetricsAsync(api);
        Assert.Equal(expectedDashboards, start.GetProperty("instance").GetProperty("dashboards").GetInt32());
        var sequence = start.GetProperty("sequence").GetInt64();
        await Expect(page.GetByTestId("dashboard")).ToHaveAttributeAsync("data-sequence", (sequence + 6).ToString(), new() { Timeout = 60_000 });
        var end = await MetricsAsync(api);
        var (q0, q1) = (Queries(start), Queries(end));
        var (t0, t1) = (TotalMs(start), TotalMs(end));
        var seconds = (end.GetProperty("at").GetDateTimeOffset() - start.GetProperty("at").GetDateTimeOffset()).TotalSeconds;
        return new Cost(q1 - q0, seconds, (q1 - q0) / seconds, q1 > q0 ? (t1 - t0) / (q1 - q0) : 0);
    }

    static long Queries(JsonElement m) => m.GetProperty("instance").GetProperty("monitorCost").GetProperty("queries").GetInt64();

    static double TotalMs(JsonElement m) => m.GetProperty("instance").GetProperty("monitorCost").GetProperty("totalMs").GetDouble();

    static async Task<JsonElement> MetricsAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/db/metrics")).GetProperty("data");

    static async Task<int> DashboardsAsync(HttpClient api) =>
        (await MetricsAsync(api)).GetProperty("instance").GetProperty("dashboards").GetInt32();

    /// <summary>What the browser does when the tab goes to the background or comes back (Page Visibility API).</summary>
    static Task SetVisibilityAsync(IPage page, string state) => page.EvaluateAsync(
        "s => { Object.defineProperty(document, 'visibilityState', { value: s, configurable: true }); document.dispatchEvent(new Event('visibilitychange')); }",
        state);

    /// <summary>A JSON API client signed in with an Identity bearer token, as an integration would be.</summary>
    async Task<HttpClient> ApiClientAsync(string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var login = await client.PostAsJsonAsync("/account/login?useCookies=false", new { email, password = DealDesk.Data.Seeding.DemoData.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
