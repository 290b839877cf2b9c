using DealDesk.Data.Diagnostics;
using DealDesk.Data.Monitoring;
using DealDesk.Web.Endpoints;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace DealDesk.Web.Hosting;

/// <summary>
/// Monitoring and standard telemetry: the dashboard's sampler and readers, attribution of database work to
/// requests and circuit events, the alert webhook, health checks, and the same meters exported with
/// OpenTelemetry (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; a Prometheus scrape endpoint when
/// Telemetry:Prometheus:Enabled is true).
/// </summary>
internal static class Telemetry
{
    /// <summary>What the OpenTelemetry exporters publish: the database client, the app, ASP.NET Core and Blazor.</summary>
    public static readonly string[] Meters =
    [
        "Npgsql", DealDeskMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits", "Microsoft.AspNetCore.Components.Lifecycle",
    ];

    public static void AddDealDeskTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddDealDeskMonitoring(config);
        services.AddScoped<TelemetryCircuitHandler>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<TelemetryCircuitHandler>());
        services.AddHttpClient(TelemetryWebhook.ClientName).AddStandardResilienceHandler();
        services.AddHostedService<TelemetryWebhook>();
        services.AddDealDeskHealthChecks();

        var otlp = !string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !PrometheusEnabled(config)) return;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OTEL_SERVICE_NAME"] ?? "DealDesk",
                serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (otlp) metrics.AddOtlpExporter(); // endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* settings
                if (PrometheusEnabled(config)) metrics.AddPrometheusExporter();
            });
    }

    /// <summary>Right after the correlation id is known: database work and errors of the request are attributed to it.</summary>
    public static void UseDealDeskTelemetry(this WebApplication app) => app.UseMiddleware<TelemetryAttributionMiddleware>();

    public static void MapDealDeskTelemetry(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapMonitoringApi();
        // Meter values only, no dealership data; expose it to the monitoring network only (it has no sign-in).
        if (PrometheusEnabled(app.Configuration))
            app.MapPrometheusScrapingEndpoint(app.Configuration["Telemetry:Prometheus:Path"] ?? "/metrics").AllowAnonymous();
    }

    private static bool PrometheusEnabled(IConfiguration config) => config.GetValue<bool>("Telemetry:Prometheus:Enabled");
}
