using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DealDesk.Data.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>
    /// The in-process readers (meters, command log: they start listening at once), the monitor's own database
    /// connection, the alerts and the one <see cref="MonitoringSampler"/> of this instance (a hosted service).
    /// Needs <c>AddDealDeskData</c>.
    /// </summary>
    public static IServiceCollection AddDealDeskMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MonitoringOptions>(configuration.GetSection(MonitoringOptions.Section));
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InstanceMeters>();
        services.AddSingleton<CommandLog>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<AlertMonitor>();
        services.AddSingleton<MonitoringSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<MonitoringSampler>());
        services.AddSingleton<Readiness>();
        services.AddScoped<MonitoringQueries>();
        return services;
    }
}
