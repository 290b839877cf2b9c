using System.Net;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Monitoring.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Monitoring;

/// <summary>The app with the Prometheus scrape endpoint switched on (Telemetry:Prometheus:Enabled).</summary>
public sealed class PrometheusFixture : AppFixture
{
    protected override string Prefix => "prometheus";

    protected override DealDeskAppFactory CreateApp() =>
        new MonitoringAppFactory(Db, new Dictionary<string, string> { ["Telemetry:Prometheus:Enabled"] = "true" });
}

/// <summary>
/// The same meters the dashboard reads, exported in the standard way for Prometheus (and OTLP when configured).
/// Off by default: RouteAuthorizationTests would find an unexpected anonymous /metrics otherwise.
/// </summary>
public sealed class TelemetryExportTests(PrometheusFixture prometheus) : IClassFixture<PrometheusFixture>
{
    [Fact]
    public async Task The_scrape_endpoint_exports_the_npgsql_and_dealdesk_meters()
    {
        var north = (await prometheus.Db.DemoAsync()).North;
        await using (var scope = prometheus.App.Services.CreateAsyncScope())
        {
            var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
            (tenant.DealershipId, tenant.UserId) = (north.DealershipId, north.ManagerId);
            await scope.ServiceProvider.GetRequiredService<TransactionRunner>().RunAsync("telemetry.probe", (_, _) => Task.FromResult(0));
        }
        using var client = prometheus.App.CreateBrowserClient();

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("db_client_operation_duration", text);
        Assert.Contains("db_client_connection_count", text);
        Assert.Contains("dealdesk_transactions_commits", text);
        Assert.Contains("operation=\"telemetry.probe\"", text);
    }
}
