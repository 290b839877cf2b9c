using System.Text.Json;
using DealDesk.Data.Monitoring;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// For load balancers and orchestrators, without sign-in: /health/live says the process serves requests (no
/// checks, no details); /health/ready adds the database (reachable through the pool, migrations applied, pool
/// not exhausted) and answers 503 when this instance should get no traffic. Neither shows anything but states.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddDealDeskHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadyAsync,
        }).AllowAnonymous();
    }

    private static Task WriteReadyAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var checks = report.Entries.SelectMany(e => e.Value.Data).ToDictionary(d => d.Key, d => d.Value);
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), checks }, JsonSerializerOptions.Web));
    }

    private sealed class DatabaseReadinessCheck(Readiness readiness) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var r = await readiness.CheckAsync(ct);
            var data = new Dictionary<string, object>
            {
                ["pool"] = r.PoolExhausted ? "exhausted" : "ok",
                ["database"] = r.PoolExhausted ? "not checked" : r.DatabaseReachable ? "reachable" : "unreachable",
                ["migrations"] = r.MigrationsApplied switch { true => "applied", false => "pending", null => "unknown" },
            };
            return r.Ready ? HealthCheckResult.Healthy(data: data) : HealthCheckResult.Unhealthy(data: data);
        }
    }
}
